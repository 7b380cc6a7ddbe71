package io.jenkins.plugins.imagestreams.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs the short commands once in this JVM, so that the classes they load go into the class-data-sharing archive the
 * build writes beside the jar ({@code -XX:ArchiveClassesAtExit}) and the launcher maps at every start. Not a command:
 * everything happens in a temporary store, against a loopback HTTP server of its own that answers every request with
 * a registry's {@code 404 MANIFEST_UNKNOWN}, and prints nothing.
 */
public final class CdsTraining {
    private static final byte[] UNKNOWN =
            "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\"}]}"
                    .getBytes(StandardCharsets.UTF_8);

    private CdsTraining() {}

    public static void main(String[] args) throws IOException {
        Path store = Files.createTempDirectory("imagestreams-cds-");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", CdsTraining::unknown);
        server.start();
        try {
            String registry = "127.0.0.1:" + server.getAddress().getPort();
            PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
            for (List<String> command : commands(store.toString(), registry)) {
                Main.run(command.toArray(String[]::new), nowhere, nowhere);
            }
        } finally {
            server.stop(0);
            try (Stream<Path> files = Files.walk(store)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private static List<List<String>> commands(String store, String registry) {
        return List.of(
                List.of("--help"),
                List.of("--store", store, "get", "streams"),
                List.of("--store", store, "import-image", "t/app:latest", "--from", registry + "/t/app:latest"),
                List.of("--store", store, "describe", "t/app"),
                List.of("--store", store, "-o", "json", "describe", "t/app"),
                List.of("--store", store, "-o", "yaml", "get", "streams"),
                List.of("--store", store, "history", "t/app:latest"),
                List.of("--store", store, "get", "environments"),
                List.of("--store", store, "tag", "t/app:latest", "t/app:stable"),
                List.of("--store", store, "digest", registry + "/t/app:latest"));
    }

    private static void unknown(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(404, head ? -1 : UNKNOWN.length);
        if (!head) {
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(UNKNOWN);
            }
        }
        exchange.close();
    }
}
