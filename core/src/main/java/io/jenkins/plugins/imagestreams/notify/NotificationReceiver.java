package io.jenkins.plugins.imagestreams.notify;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * A small HTTP server for push notifications, on the JDK's {@link HttpServer}: {@code POST /notify/<source>} and
 * {@code POST /notify/<source>/<token>}, everything else 404 (unknown path or source) or 405 (other methods). The work
 * is {@link NotificationHandler}'s; this class only maps HTTP onto it, for the CLI and for Jenkins controllers that
 * want notifications on their own port.
 */
public final class NotificationReceiver implements AutoCloseable {
    private static final String PREFIX = "/notify/";
    /** After a 413, up to this much more body is read and dropped so the sender sees the answer, not a reset. */
    private static final long DRAIN_LIMIT = 4L * NotificationHandler.MAX_BODY_BYTES;

    private final HttpServer server;

    private NotificationReceiver(HttpServer server) {
        this.server = server;
    }

    /**
     * Binds {@code address} and starts serving.
     *
     * @param address where to listen; port 0 picks a free one (see {@link #address()})
     * @param handler does the work for each request
     * @param requestExecutor runs the HTTP exchanges (reading, authenticating, parsing); the handler's own executor
     *     runs the listener
     * @throws IOException if the address cannot be bound
     */
    public static NotificationReceiver start(
            InetSocketAddress address, NotificationHandler handler, Executor requestExecutor) throws IOException {
        Objects.requireNonNull(handler, "handler");
        HttpServer server = HttpServer.create(address, 256);
        server.createContext("/", exchange -> serve(exchange, handler));
        server.setExecutor(Objects.requireNonNull(requestExecutor, "requestExecutor"));
        server.start();
        return new NotificationReceiver(server);
    }

    /** The bound address, with the real port. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** {@code http://host:port/notify/} for the bound address. */
    public URI baseUri() {
        InetSocketAddress bound = address();
        String host = bound.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + bound.getPort() + PREFIX);
    }

    private static void serve(HttpExchange exchange, NotificationHandler handler) throws IOException {
        try (exchange) {
            NotificationResponse response = route(exchange, handler);
            if (response.status() == NotificationResponse.PAYLOAD_TOO_LARGE) {
                drain(exchange.getRequestBody());
            }
            if (response.status() == NotificationResponse.METHOD_NOT_ALLOWED) {
                exchange.getResponseHeaders().add("Allow", "POST");
            }
            byte[] text = (response.message() + "\n").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(response.status(), text.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(text);
            }
        }
    }

    private static NotificationResponse route(HttpExchange exchange, NotificationHandler handler) {
        String path = exchange.getRequestURI().getRawPath();
        if (path == null || !path.startsWith(PREFIX)) {
            return new NotificationResponse(
                    NotificationResponse.NOT_FOUND, "not found; notifications go to " + PREFIX + "<source>");
        }
        String[] segments = path.substring(PREFIX.length()).split("/", -1);
        if (segments.length > 2 || segments[0].isEmpty() || (segments.length == 2 && segments[1].isEmpty())) {
            return new NotificationResponse(
                    NotificationResponse.NOT_FOUND,
                    "not found; expected " + PREFIX + "<source> or " + PREFIX + "<source>/<token>");
        }
        if (NotificationSource.fromPathName(segments[0]).isEmpty()) {
            return handler.handle(segments[0], null, exchange.getRequestHeaders(), InputStream.nullInputStream());
        }
        if (!"POST".equals(exchange.getRequestMethod())) {
            return new NotificationResponse(NotificationResponse.METHOD_NOT_ALLOWED, "only POST is accepted");
        }
        String token = segments.length == 2 ? segments[1] : null;
        return handler.handle(segments[0], token, exchange.getRequestHeaders(), exchange.getRequestBody());
    }

    private static void drain(InputStream body) {
        byte[] buffer = new byte[16384];
        long dropped = 0;
        try {
            int read;
            while (dropped < DRAIN_LIMIT && (read = body.read(buffer)) >= 0) {
                dropped += read;
            }
        } catch (IOException e) {
            // the connection is closed after the answer anyway
        }
    }

    /**
     * Stops accepting connections and closes the open ones. Exchanges answer within milliseconds (the listener runs
     * elsewhere), so there is nothing worth waiting for; a registry whose request is cut retries.
     */
    @Override
    public void close() {
        server.stop(0);
    }
}
