package io.jenkins.plugins.imagestreams.registry.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.imagestreams.registry.Credentials;
import io.jenkins.plugins.imagestreams.registry.CredentialsProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Credentials from a Docker or Podman auth file: {@code auths.<registry>} with {@code auth} (base64 of
 * {@code user:password}), {@code username}/{@code password}, or {@code identitytoken}. Keys may carry a scheme and path
 * ({@code https://index.docker.io/v1/}); Docker Hub is found under any of its names. Credential helpers
 * ({@code credsStore}, {@code credHelpers}) are not run.
 */
public final class DockerConfigCredentials implements CredentialsProvider {
    private static final List<String> DOCKER_HUB_NAMES =
            List.of("docker.io", "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com");

    private final Map<String, Credentials> byRegistry;

    private DockerConfigCredentials(Map<String, Credentials> byRegistry) {
        this.byRegistry = Map.copyOf(byRegistry);
    }

    /**
     * Reads {@code $REGISTRY_AUTH_FILE}, else {@code $DOCKER_CONFIG/config.json}, else {@code ~/.docker/config.json};
     * a missing file gives no credentials.
     *
     * @throws UncheckedIOException when the file exists but cannot be read or is not JSON
     */
    public static DockerConfigCredentials fromEnvironment(Map<String, String> env, Path home) {
        Path file;
        if (env.get("REGISTRY_AUTH_FILE") != null) {
            file = Path.of(env.get("REGISTRY_AUTH_FILE"));
        } else if (env.get("DOCKER_CONFIG") != null) {
            file = Path.of(env.get("DOCKER_CONFIG"), "config.json");
        } else {
            file = home.resolve(".docker").resolve("config.json");
        }
        return Files.exists(file) ? read(file) : new DockerConfigCredentials(Map.of());
    }

    /** {@link #fromEnvironment(Map, Path)} for this process. */
    public static DockerConfigCredentials fromEnvironment() {
        return fromEnvironment(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /**
     * Reads one auth file.
     *
     * @throws UncheckedIOException when it cannot be read or is not a JSON object with valid entries
     */
    public static DockerConfigCredentials read(Path file) {
        try {
            return parse(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read registry auth file " + file + ": " + e.getMessage(), e);
        }
    }

    static DockerConfigCredentials parse(byte[] json) throws IOException {
        JsonNode auths = new ObjectMapper().readTree(json).path("auths");
        Map<String, Credentials> result = new HashMap<>();
        for (var entry : auths.properties()) {
            credentialsOf(entry.getKey(), entry.getValue()).ifPresent(c -> result.put(normalize(entry.getKey()), c));
        }
        return new DockerConfigCredentials(result);
    }

    private static Optional<Credentials> credentialsOf(String key, JsonNode entry) throws IOException {
        String token = entry.path("identitytoken").asText("");
        if (!token.isEmpty()) {
            return Optional.of(Credentials.identityToken(token));
        }
        String auth = entry.path("auth").asText("");
        if (!auth.isEmpty()) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(auth.trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new IOException("the 'auth' entry for " + key + " is not base64");
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw new IOException("the 'auth' entry for " + key + " is not base64 of user:password");
            }
            return Optional.of(new Credentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
        }
        String username = entry.path("username").asText("");
        String password = entry.path("password").asText("");
        return username.isEmpty() ? Optional.empty() : Optional.of(new Credentials(username, password));
    }

    /** {@code https://host:port/v1/} → {@code host:port}; Docker Hub's names → {@code docker.io}. */
    static String normalize(String key) {
        String host = key.trim();
        int scheme = host.indexOf("://");
        if (scheme >= 0) {
            host = host.substring(scheme + 3);
        }
        int slash = host.indexOf('/');
        if (slash >= 0) {
            host = host.substring(0, slash);
        }
        return DOCKER_HUB_NAMES.contains(host) ? "docker.io" : host;
    }

    @Override
    public Optional<Credentials> forRegistry(String registry) {
        return Optional.ofNullable(byRegistry.get(normalize(registry)));
    }

    @Override
    public String toString() {
        return "DockerConfigCredentials" + byRegistry.keySet();
    }
}
