package io.jenkins.plugins.imagestreams.testing;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Serves one client connection of a {@link FaultProxy}: reads requests in turn (keep-alive) and relays or faults. */
final class ProxyConnection implements Runnable {
    private static final int TIMEOUT_MILLIS = 30_000;

    private final FaultProxy proxy;
    private final Socket client;
    private Socket upstream;
    private InputStream upstreamIn;
    private OutputStream upstreamOut;

    ProxyConnection(FaultProxy proxy, Socket client) {
        this.proxy = proxy;
        this.client = client;
    }

    @Override
    public void run() {
        try (client) {
            client.setSoTimeout(TIMEOUT_MILLIS);
            InputStream in = new BufferedInputStream(client.getInputStream(), 1 << 16);
            OutputStream out = new BufferedOutputStream(client.getOutputStream(), 1 << 16);
            while (serve(in, out)) {
                // next request on the same connection
            }
        } catch (IOException e) {
            // the client or upstream went away; the connection just ends
        } finally {
            closeUpstream();
            proxy.forget(client);
        }
    }

    /** Serves one request; returns whether the connection stays open for another. */
    private boolean serve(InputStream in, OutputStream out) throws IOException {
        HttpHead request = HttpHead.read(in);
        if (request == null) {
            return false;
        }
        proxy.serving();
        try {
            return serve(request, in, out);
        } finally {
            proxy.served();
        }
    }

    private boolean serve(HttpHead request, InputStream in, OutputStream out) throws IOException {
        String method = request.method();
        String target = request.target();
        int q = target.indexOf('?');
        String query = q < 0 ? "" : target.substring(q + 1);
        Fault fault = proxy.faultFor(method, request.path());
        if (fault instanceof Fault.Reset) {
            proxy.record(new RecordedRequest(method, request.path(), query, 0, fault));
            client.setSoLinger(true, 0);
            client.close();
            return false;
        }
        if (request.hasToken("Expect", "100-continue")) {
            request.remove("Expect");
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }
        boolean keepAlive = !request.hasToken("Connection", "close");
        long requestFraming = HttpBodies.requestFraming(request);
        if (fault instanceof Fault.Status status) {
            long uploaded = HttpBodies.copy(in, OutputStream.nullOutputStream(), requestFraming);
            proxy.record(new RecordedRequest(method, request.path(), query, uploaded, fault));
            writeError(out, method, status.status(), List.of(defaultCode(status.status())), null);
            return keepAlive;
        }
        if (fault instanceof Fault.Errors errors) {
            long uploaded = HttpBodies.copy(in, OutputStream.nullOutputStream(), requestFraming);
            proxy.record(new RecordedRequest(method, request.path(), query, uploaded, fault));
            writeError(out, method, errors.status().status(), errors.codes(), null);
            return keepAlive;
        }
        if (fault instanceof Fault.TooManyRequests tooMany) {
            long uploaded = HttpBodies.copy(in, OutputStream.nullOutputStream(), requestFraming);
            proxy.record(new RecordedRequest(method, request.path(), query, uploaded, fault));
            writeError(out, method, 429, List.of("TOOMANYREQUESTS"), "Retry-After: " + tooMany.retryAfterSeconds());
            return keepAlive;
        }
        if (fault instanceof Fault.Stall stall) {
            sleep(stall.delay().toMillis());
        }
        connectUpstream();
        if (request.first("Host") == null) {
            request.set("Host", proxy.host());
        }
        HttpHead forwarded = fault instanceof Fault.RewritePath rewrite
                ? request.withTarget(rewrite.rewrite(request.path()) + (query.isEmpty() ? "" : "?" + query))
                : request;
        forwarded.writeTo(upstreamOut);
        long uploaded = HttpBodies.copy(in, upstreamOut, requestFraming);
        upstreamOut.flush();
        proxy.record(new RecordedRequest(method, request.path(), query, uploaded, fault));

        HttpHead response = HttpHead.read(upstreamIn);
        while (response != null && response.status() / 100 == 1) {
            response = HttpHead.read(upstreamIn);
        }
        if (response == null) {
            throw new IOException("upstream closed without answering " + request);
        }
        long responseFraming = HttpBodies.responseFraming(method, response);
        boolean upstreamStays = responseFraming != HttpBodies.UNTIL_CLOSE && !response.hasToken("Connection", "close");
        boolean clientStays = keepAlive;
        if (fault instanceof Fault.Truncate) {
            byte[] body = HttpBodies.readAll(upstreamIn, responseFraming);
            response.remove("Transfer-Encoding").set("Content-Length", Long.toString(body.length));
            response.writeTo(out);
            out.write(Arrays.copyOf(body, body.length / 2));
            out.flush();
            clientStays = false;
        } else if (fault instanceof Fault.Corrupt) {
            byte[] body = HttpBodies.readAll(upstreamIn, responseFraming);
            for (int i = 0; i < body.length; i++) {
                body[i] = (byte) ~body[i];
            }
            response.remove("Transfer-Encoding").set("Content-Length", Long.toString(body.length));
            response.writeTo(out);
            if (!method.equals("HEAD")) {
                out.write(body);
            }
        } else if (fault instanceof Fault.Oversize oversize) {
            HttpBodies.copy(upstreamIn, OutputStream.nullOutputStream(), responseFraming);
            response.remove("Transfer-Encoding").set("Content-Length", Long.toString(oversize.bytes()));
            response.writeTo(out);
            if (!method.equals("HEAD")) {
                writeFiller(out, oversize.bytes());
            }
        } else {
            if (fault instanceof Fault.RewriteDigest rewrite) {
                response.set("Docker-Content-Digest", rewrite.digest());
            }
            if (fault instanceof Fault.AddResponseHeader header) {
                response.set(header.name(), header.value());
            }
            if (responseFraming == HttpBodies.UNTIL_CLOSE) {
                response.set("Connection", "close");
                clientStays = false;
            }
            response.writeTo(out);
            HttpBodies.copy(upstreamIn, out, responseFraming);
        }
        out.flush();
        if (!upstreamStays) {
            closeUpstream();
        }
        return clientStays;
    }

    private static String defaultCode(int status) {
        return status == 429 ? "TOOMANYREQUESTS" : status >= 500 && status != 500 ? "UNAVAILABLE" : "UNKNOWN";
    }

    private void writeError(OutputStream out, String method, int status, List<String> codes, String extraHeader)
            throws IOException {
        String errors = codes.stream()
                .map(code ->
                        "{\"code\":\"" + code + "\",\"message\":\"injected by FaultProxy\",\"detail\":" + status + "}")
                .collect(Collectors.joining(","));
        byte[] body = ("{\"errors\":[" + errors + "]}").getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder("HTTP/1.1 ")
                .append(status)
                .append(' ')
                .append(reason(status))
                .append("\r\nContent-Type: application/json\r\nContent-Length: ")
                .append(body.length)
                .append("\r\n");
        if (extraHeader != null) {
            head.append(extraHeader).append("\r\n");
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (!method.equals("HEAD")) {
            out.write(body);
        }
        out.flush();
    }

    private static String reason(int status) {
        return switch (status) {
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "Injected Fault";
        };
    }

    private static void writeFiller(OutputStream out, long bytes) throws IOException {
        byte[] chunk = new byte[1 << 16];
        Arrays.fill(chunk, (byte) ' ');
        for (long left = bytes; left > 0; left -= chunk.length) {
            out.write(chunk, 0, (int) Math.min(chunk.length, left));
        }
    }

    private void connectUpstream() throws IOException {
        if (upstream != null && !upstream.isClosed()) {
            return;
        }
        upstream = new Socket(
                proxy.upstreamAddress().getAddress(), proxy.upstreamAddress().getPort());
        upstream.setSoTimeout(TIMEOUT_MILLIS);
        upstreamIn = new BufferedInputStream(upstream.getInputStream(), 1 << 16);
        upstreamOut = new BufferedOutputStream(upstream.getOutputStream(), 1 << 16);
    }

    private void closeUpstream() {
        if (upstream != null) {
            try {
                upstream.close();
            } catch (IOException ignored) {
                // nothing left to do with a broken upstream connection
            }
            upstream = null;
        }
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stalling", e);
        }
    }
}
