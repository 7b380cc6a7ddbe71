package io.jenkins.plugins.imagestreams;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback HTTP server that answers every request with one handler and records the {@code Authorization} header of
 * each, so a test can tell where credentials went. Binds any 127.0.0.0/8 address, so two of them are two hosts.
 */
final class RecordingServer implements AutoCloseable {
    /** One request as received. */
    record Seen(String method, String path, String authorization) {}

    /** Writes the whole answer to one exchange. */
    @FunctionalInterface
    interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    RecordingServer(String loopbackAddress, Handler handler) {
        try {
            server = HttpServer.create(new InetSocketAddress(loopbackAddress, 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            try (exchange) {
                seen.add(new Seen(
                        exchange.getRequestMethod(),
                        exchange.getRequestURI().getRawPath(),
                        exchange.getRequestHeaders().getFirst("Authorization")));
                exchange.getRequestBody().readAllBytes();
                handler.handle(exchange);
            }
        });
        server.start();
    }

    /** {@code address:port}, as a registry or URL authority. */
    String authority() {
        return server.getAddress().getHostString() + ":" + server.getAddress().getPort();
    }

    List<Seen> seen() {
        return List.copyOf(seen);
    }

    /** Whether any request carried an {@code Authorization} header. */
    boolean sawAuthorization() {
        return seen.stream().anyMatch(s -> s.authorization() != null);
    }

    static void respond(HttpExchange exchange, int status, Map<String, String> headers, byte[] body)
            throws IOException {
        headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        boolean empty = body.length == 0 || exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, empty ? -1 : body.length);
        if (!empty) {
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
