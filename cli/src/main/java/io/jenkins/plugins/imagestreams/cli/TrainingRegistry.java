package io.jenkins.plugins.imagestreams.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The registry {@link CdsTraining} runs the short commands against: the distribution API's answers a command meets when
 * things go well (tag lists, manifests by tag and digest, blobs, uploads in a session, 404 for what is missing), kept in
 * memory, on a loopback port of its own. Not a registry: no authentication, no validation beyond what training needs,
 * no limits; it exists only during the build, so that the classes a successful import, digest and copy load go into the
 * archive.
 */
final class TrainingRegistry implements AutoCloseable {
    private static final String MANIFEST_TYPE = "application/vnd.oci.image.manifest.v1+json";
    private static final Pattern MANIFEST = Pattern.compile("/v2/(.+)/manifests/([^/]+)");
    private static final Pattern BLOB = Pattern.compile("/v2/(.+)/blobs/(sha256:[0-9a-f]{64})");
    private static final Pattern UPLOADS = Pattern.compile("/v2/(.+)/blobs/uploads/");
    private static final Pattern SESSION = Pattern.compile("/v2/(.+)/blobs/uploads/([0-9]+)");
    private static final Pattern TAGS = Pattern.compile("/v2/(.+)/tags/list");

    private final HttpServer server;
    private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    private final Map<String, byte[]> manifests = new ConcurrentHashMap<>();
    private final Map<String, List<String>> tags = new ConcurrentHashMap<>();
    private final Map<String, byte[]> sessions = new ConcurrentHashMap<>();
    private final AtomicInteger nextSession = new AtomicInteger();

    private TrainingRegistry(HttpServer server) {
        this.server = server;
    }

    /** Starts an empty registry on a free loopback port. */
    static TrainingRegistry start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        TrainingRegistry registry = new TrainingRegistry(server);
        server.createContext("/", registry::handle);
        server.start();
        return registry;
    }

    /** {@code 127.0.0.1:PORT}, as an image reference names it. */
    String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * Stores an image of {@code layer} under every tag given: a config blob, the layer and an OCI manifest.
     *
     * @return the manifest's digest
     */
    String push(String repository, byte[] layer, List<String> imageTags) {
        byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"
                .getBytes(StandardCharsets.UTF_8);
        String configDigest = store(repository, config);
        String layerDigest = store(repository, layer);
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + MANIFEST_TYPE + "\",\"config\":{\"mediaType\":"
                + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest + "\",\"size\":"
                + config.length + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\","
                + "\"digest\":\"" + layerDigest + "\",\"size\":" + layer.length + "}]}";
        byte[] bytes = manifest.getBytes(StandardCharsets.UTF_8);
        String digest = digest(bytes);
        manifests.put(repository + "@" + digest, bytes);
        for (String tag : imageTags) {
            manifests.put(repository + ":" + tag, bytes);
        }
        tags.put(repository, List.copyOf(imageTags));
        return digest;
    }

    private String store(String repository, byte[] blob) {
        String digest = digest(blob);
        blobs.put(repository + "@" + digest, blob);
        return digest;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            String query = exchange.getRequestURI().getRawQuery();
            byte[] body = exchange.getRequestBody().readAllBytes();
            Matcher m;
            if ((m = TAGS.matcher(path)).matches() && tags.containsKey(m.group(1))) {
                String list = String.join("\",\"", tags.get(m.group(1)));
                answer(
                        exchange,
                        200,
                        "application/json",
                        json("{\"name\":\"" + m.group(1) + "\",\"tags\":[\"" + list + "\"]}"));
            } else if ((m = MANIFEST.matcher(path)).matches()) {
                manifest(exchange, method, m.group(1), m.group(2), body);
            } else if ((m = BLOB.matcher(path)).matches() && blobs.containsKey(m.group(1) + "@" + m.group(2))) {
                byte[] blob = blobs.get(m.group(1) + "@" + m.group(2));
                exchange.getResponseHeaders().set("Docker-Content-Digest", m.group(2));
                answer(exchange, 200, "application/octet-stream", blob);
            } else if ((m = UPLOADS.matcher(path)).matches() && method.equals("POST")) {
                String session = Integer.toString(nextSession.incrementAndGet());
                sessions.put(session, new byte[0]);
                exchange.getResponseHeaders().set("Location", "/v2/" + m.group(1) + "/blobs/uploads/" + session);
                exchange.getResponseHeaders().set("Range", "0-0");
                answer(exchange, 202, null, new byte[0]);
            } else if ((m = SESSION.matcher(path)).matches() && sessions.containsKey(m.group(2))) {
                upload(exchange, method, m.group(1), m.group(2), query, body);
            } else {
                answer(exchange, 404, "application/json", error("NAME_UNKNOWN"));
            }
        }
    }

    private void manifest(HttpExchange exchange, String method, String repository, String reference, byte[] body)
            throws IOException {
        String key = repository + (reference.startsWith("sha256:") ? "@" : ":") + reference;
        if (method.equals("PUT")) {
            String digest = digest(body);
            manifests.put(repository + "@" + digest, body);
            manifests.put(key, body);
            exchange.getResponseHeaders().set("Docker-Content-Digest", digest);
            answer(exchange, 201, null, new byte[0]);
            return;
        }
        byte[] manifest = manifests.get(key);
        if (manifest == null) {
            answer(exchange, 404, "application/json", error("MANIFEST_UNKNOWN"));
            return;
        }
        exchange.getResponseHeaders().set("Docker-Content-Digest", digest(manifest));
        answer(exchange, 200, MANIFEST_TYPE, manifest);
    }

    private void upload(
            HttpExchange exchange, String method, String repository, String session, String query, byte[] body)
            throws IOException {
        byte[] sofar = concat(sessions.get(session), body);
        if (method.equals("PATCH")) {
            sessions.put(session, sofar);
            exchange.getResponseHeaders().set("Location", "/v2/" + repository + "/blobs/uploads/" + session);
            exchange.getResponseHeaders().set("Range", "0-" + (sofar.length - 1));
            answer(exchange, 202, null, new byte[0]);
        } else if (method.equals("PUT")) {
            sessions.remove(session);
            String digest = store(repository, sofar);
            if (query == null || !query.contains("digest=" + digest.replace(":", "%3A"))) {
                answer(exchange, 400, "application/json", error("DIGEST_INVALID"));
                return;
            }
            exchange.getResponseHeaders().set("Docker-Content-Digest", digest);
            answer(exchange, 201, null, new byte[0]);
        } else {
            sessions.remove(session);
            answer(exchange, 204, null, new byte[0]);
        }
    }

    private static void answer(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        if (type != null) {
            exchange.getResponseHeaders().set("Content-Type", type);
        }
        boolean head = exchange.getRequestMethod().equals("HEAD");
        if (head || body.length == 0) {
            if (head) {
                exchange.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
            }
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static byte[] error(String code) {
        return json("{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"" + code.toLowerCase() + "\"}]}");
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static String digest(byte[] bytes) {
        try {
            return "sha256:"
                    + HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
