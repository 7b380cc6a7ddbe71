package io.jenkins.plugins.imagestreams.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The floor of a one-shot copy on a JVM: a program that sends the requests {@code imagestreams copy} sends for an image
 * of one manifest and nothing else. It GETs the manifest, then moves its blobs 4 at once, as the command does: a HEAD
 * on the target, a POST opening an upload, and the source's GET streamed into the upload (a PUT for a blob of up to 1
 * MiB, a PATCH and a PUT above); then it PUTs the manifest. Raw HTTP/1.1 on blocking sockets, one kept connection per
 * thread and registry, with none of what the command has besides: no command line to parse, no configuration or
 * credentials, no HTTP or JSON library (the manifest's digests and sizes are found by searching its text), no check of
 * the manifest's digest, no look-up of attachments, and no lambda (whose first use starts the JDK's method-handle
 * machinery). Plain-HTTP registries without authentication only; for the bench, not for users.
 *
 * <p>{@code java FloorCopy HOST:PORT/REPOSITORY:TAG HOST:PORT/REPOSITORY:TAG}; exits with an exception when a
 * registry answers otherwise than a copy into a new repository expects.
 */
public final class FloorCopy {
    private static final int PARALLEL = 4;
    private static final long ONE_REQUEST_LIMIT = 1024 * 1024;
    private static final String DIGEST_PREFIX = "sha256:";
    private static final int DIGEST_LENGTH = DIGEST_PREFIX.length() + 64;
    private static final String ACCEPT = "Accept: application/vnd.oci.image.manifest.v1+json,"
            + " application/vnd.docker.distribution.manifest.v2+json";

    private FloorCopy() {}

    public static void main(String[] args) throws Exception {
        Ref source = Ref.parse(args[0]);
        Ref target = Ref.parse(args[1]);
        Connection reader = new Connection(source.host);
        Head manifestHead = reader.call("GET", source.path("manifests/" + source.tag), ACCEPT);
        manifestHead.expect("200", "GET manifest");
        byte[] manifest = reader.body(manifestHead);
        Blobs blobs = Blobs.in(new String(manifest, StandardCharsets.UTF_8));
        Thread[] workers = new Thread[PARALLEL];
        Worker[] jobs = new Worker[PARALLEL];
        for (int i = 0; i < PARALLEL; i++) {
            jobs[i] = new Worker(source, target, blobs);
            workers[i] = new Thread(jobs[i]);
            workers[i].start();
        }
        for (int i = 0; i < PARALLEL; i++) {
            workers[i].join();
            if (jobs[i].failure != null) {
                throw jobs[i].failure;
            }
        }
        Connection writer = new Connection(target.host);
        writer.send(
                "PUT", target.path("manifests/" + target.tag), "Content-Type: " + manifestHead.type(), manifest.length);
        writer.out.write(manifest);
        writer.answer().expect("201", "PUT manifest");
        System.out.println("copied " + blobs.digests.size() + " blobs");
    }

    /** {@code host:port/repository:tag}. */
    private record Ref(String host, String repository, String tag) {
        static Ref parse(String text) {
            int slash = text.indexOf('/');
            int colon = text.lastIndexOf(':');
            return new Ref(text.substring(0, slash), text.substring(slash + 1, colon), text.substring(colon + 1));
        }

        String path(String rest) {
            return "/v2/" + repository + "/" + rest;
        }
    }

    /** The manifest's blobs (its config and layers), handed out to the workers one at a time. */
    private static final class Blobs {
        final List<String> digests = new ArrayList<>();
        final List<Long> sizes = new ArrayList<>();
        private int next;

        static Blobs in(String manifest) {
            Blobs blobs = new Blobs();
            for (int at = manifest.indexOf(DIGEST_PREFIX); at >= 0; at = manifest.indexOf(DIGEST_PREFIX, at)) {
                blobs.digests.add(manifest.substring(at, at + DIGEST_LENGTH));
                int digits = manifest.indexOf("\"size\"", at) + "\"size\"".length();
                while (!Character.isDigit(manifest.charAt(digits))) {
                    digits++;
                }
                int end = digits;
                while (Character.isDigit(manifest.charAt(end))) {
                    end++;
                }
                blobs.sizes.add(Long.parseLong(manifest.substring(digits, end)));
                at += DIGEST_LENGTH;
            }
            return blobs;
        }

        synchronized int take() {
            return next < digests.size() ? next++ : -1;
        }
    }

    /** Moves blobs until none is left. */
    private static final class Worker implements Runnable {
        private final Ref source;
        private final Ref target;
        private final Blobs blobs;
        private final byte[] buffer = new byte[64 * 1024];
        IOException failure;

        Worker(Ref source, Ref target, Blobs blobs) {
            this.source = source;
            this.target = target;
            this.blobs = blobs;
        }

        @Override
        public void run() {
            try {
                Connection reader = new Connection(source.host);
                Connection writer = new Connection(target.host);
                for (int i = blobs.take(); i >= 0; i = blobs.take()) {
                    move(blobs.digests.get(i), blobs.sizes.get(i), reader, writer);
                }
            } catch (IOException e) {
                failure = e;
            }
        }

        private void move(String digest, long size, Connection reader, Connection writer) throws IOException {
            Head exists = writer.call("HEAD", target.path("blobs/" + digest), null);
            exists.expect("404", "HEAD blob");
            Head upload = writer.call("POST", target.path("blobs/uploads/"), null);
            upload.expect("202", "POST upload");
            reader.send("GET", source.path("blobs/" + digest), null, -1);
            reader.answer().expect("200", "GET blob");
            String location = upload.locationPath();
            if (size <= ONE_REQUEST_LIMIT) {
                writer.send("PUT", withDigest(location, digest), "Content-Type: application/octet-stream", size);
                stream(reader.in, writer.out, size);
                Head put = writer.answer();
                writer.body(put);
                put.expect("201", "PUT blob");
                return;
            }
            writer.send("PATCH", location, "Content-Type: application/octet-stream", size);
            stream(reader.in, writer.out, size);
            Head patched = writer.answer();
            writer.body(patched);
            patched.expect("202", "PATCH blob");
            writer.call("PUT", withDigest(patched.locationPath(), digest), null).expect("201", "PUT blob");
        }

        /** The upload's {@code location} with the {@code digest} parameter that commits it. */
        private static String withDigest(String location, String digest) {
            return location + (location.indexOf('?') >= 0 ? "&" : "?") + "digest=" + digest;
        }

        private void stream(InputStream in, OutputStream out, long size) throws IOException {
            for (long left = size; left > 0; ) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new EOFException("the blob ended " + left + " bytes early");
                }
                out.write(buffer, 0, n);
                left -= n;
            }
        }
    }

    /** A response's status and the three headers a copy reads. */
    private record Head(String status, String location, String type, long length) {
        void expect(String wanted, String what) throws IOException {
            if (!status.equals(wanted)) {
                throw new IOException(what + ": HTTP " + status + ", expected " + wanted);
            }
        }

        /** The {@code Location} as a path: registries may answer with a whole URL. */
        String locationPath() {
            return location.substring(location.indexOf("/v2/"));
        }
    }

    /** One kept HTTP/1.1 connection. */
    private static final class Connection {
        final InputStream in;
        final OutputStream out;
        private final String host;

        Connection(String host) throws IOException {
            int colon = host.lastIndexOf(':');
            Socket socket = new Socket(host.substring(0, colon), Integer.parseInt(host.substring(colon + 1)));
            socket.setTcpNoDelay(true);
            this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
            this.host = host;
        }

        /** Sends a request without a body and reads its answer, its body too unless it is a GET's. */
        Head call(String method, String path, String header) throws IOException {
            send(method, path, header, method.equals("GET") || method.equals("HEAD") ? -1 : 0);
            Head head = answer();
            if (!method.equals("HEAD") && !method.equals("GET")) {
                body(head);
            }
            return head;
        }

        /** Writes a request's head; a length of -1 sends no {@code Content-Length}. */
        void send(String method, String path, String header, long length) throws IOException {
            StringBuilder request = new StringBuilder()
                    .append(method)
                    .append(' ')
                    .append(path)
                    .append(" HTTP/1.1\r\nHost: ")
                    .append(host)
                    .append("\r\n");
            if (header != null) {
                request.append(header).append("\r\n");
            }
            if (length >= 0) {
                request.append("Content-Length: ").append(length).append("\r\n");
            }
            out.write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        }

        /** Flushes the request and reads the answer's head, leaving its body. */
        Head answer() throws IOException {
            out.flush();
            StringBuilder line = new StringBuilder();
            String status = null;
            String location = null;
            String type = null;
            long length = 0;
            while (true) {
                int c = in.read();
                if (c < 0) {
                    throw new EOFException("the registry closed the connection");
                }
                if (c == '\r') {
                    continue;
                }
                if (c != '\n') {
                    line.append((char) c);
                    continue;
                }
                if (line.length() == 0) {
                    return new Head(status, location, type, length);
                }
                String text = line.toString();
                line.setLength(0);
                if (status == null) {
                    status = text.substring(9, 12);
                    continue;
                }
                int colon = text.indexOf(':');
                String name = text.substring(0, colon).toLowerCase(Locale.ROOT);
                String value = text.substring(colon + 1).trim();
                if (name.equals("location")) {
                    location = value;
                } else if (name.equals("content-type")) {
                    type = value;
                } else if (name.equals("content-length")) {
                    length = Long.parseLong(value);
                }
            }
        }

        /** Reads the body {@code head} announced. */
        byte[] body(Head head) throws IOException {
            byte[] body = new byte[(int) head.length()];
            for (int at = 0; at < body.length; ) {
                int n = in.read(body, at, body.length - at);
                if (n < 0) {
                    throw new EOFException("the answer ended early");
                }
                at += n;
            }
            return body;
        }
    }
}
