package io.jenkins.plugins.imagestreams.registry.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.imagestreams.json.JsonTrees;
import io.jenkins.plugins.imagestreams.registry.AuthScheme;
import io.jenkins.plugins.imagestreams.registry.Credentials;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One auth file as read: Docker's {@code config.json} and Podman's {@code auth.json} ({@code auths}, {@code credHelpers},
 * {@code credsStore}), or the legacy {@code ~/.dockercfg} (the {@code auths} object alone, or Docker 1.6's
 * {@code auth = <base64>} lines). Keys of {@code auths} may name a registry, a namespace or a repository
 * ({@code quay.io/team/app}); keys with a scheme ({@code https://index.docker.io/v1/}) name their host.
 */
final class AuthFile {
    private static final List<String> DOCKER_HUB_NAMES =
            List.of("docker.io", "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com");

    /** The credentials of one {@code auths} entry: Basic ones, an identity token, or both. */
    record Entry(String key, Optional<Credentials> basic, Optional<String> identityToken) {
        boolean isEmpty() {
            return basic.isEmpty() && identityToken.isEmpty();
        }

        /** An identity token only for the token flow; against a Basic registry the user name and password. */
        Optional<Credentials> forScheme(AuthScheme scheme) {
            if (scheme == AuthScheme.BEARER && identityToken.isPresent()) {
                return identityToken.map(Credentials::identityToken);
            }
            return basic;
        }

        @Override
        public String toString() {
            return "Entry[" + key + "]";
        }
    }

    private final String source;
    private final Map<String, List<Entry>> entries;
    private final Map<String, String> credHelpers;
    private final Optional<String> credsStore;

    private AuthFile(
            String source, Map<String, List<Entry>> entries, Map<String, String> credHelpers, String credsStore) {
        this.source = source;
        this.entries = Map.copyOf(entries);
        this.credHelpers = Map.copyOf(credHelpers);
        this.credsStore = Optional.ofNullable(credsStore).filter(s -> !s.isBlank());
    }

    /**
     * Parses a file's bytes.
     *
     * @param source the file, named in errors
     * @param legacy whether it is a {@code ~/.dockercfg}
     * @throws IOException naming {@code source} when it is not JSON of that shape or an entry is malformed
     */
    static AuthFile parse(byte[] bytes, String source, boolean legacy) throws IOException {
        JsonNode root;
        try {
            root = JsonTrees.read(bytes);
        } catch (JsonProcessingException e) {
            if (legacy) {
                return parseLines(new String(bytes, StandardCharsets.UTF_8), source);
            }
            throw new IOException(source + " is not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || root.isMissingNode()) {
            return new AuthFile(source, Map.of(), Map.of(), null);
        }
        if (!root.isObject()) {
            throw new IOException(source + " is not a JSON object; expected {\"auths\": {...}}");
        }
        JsonNode auths = legacy ? root : root.path("auths");
        Map<String, List<Entry>> entries = new HashMap<>();
        if (auths.isObject()) {
            for (var field : auths.properties()) {
                Entry entry = entry(field.getKey(), field.getValue(), source);
                if (!entry.isEmpty()) {
                    entries.computeIfAbsent(normalizeKey(field.getKey(), legacy), k -> new ArrayList<>())
                            .add(entry);
                }
            }
        } else if (!auths.isMissingNode() && !auths.isNull()) {
            throw new IOException(source + ": 'auths' is not an object; expected {\"<registry>\": {\"auth\": ...}}");
        }
        entries.replaceAll((key, list) -> list.stream()
                .sorted(Comparator.comparing((Entry e) -> !e.key().equals(key)).thenComparing(Entry::key))
                .toList());
        Map<String, String> helpers = new HashMap<>();
        root.path("credHelpers").properties().forEach(h -> helpers.put(normalizeKey(h.getKey(), true), text(h)));
        String store = legacy ? null : root.path("credsStore").asText(null);
        return new AuthFile(source, entries, helpers, store);
    }

    private static String text(Map.Entry<String, JsonNode> field) {
        return field.getValue().asText("");
    }

    /** Docker 1.6's {@code .dockercfg}: a first line {@code auth = <base64 of user:password>} for Docker Hub. */
    private static AuthFile parseLines(String text, String source) throws IOException {
        List<String> lines = text.lines().toList();
        String[] first = lines.isEmpty() ? new String[0] : lines.get(0).split(" = ", -1);
        if (lines.size() < 2 || first.length != 2) {
            throw new IOException(source + " is neither JSON nor Docker's old 'auth = <base64>' and 'email = ...'"
                    + " lines; run docker login or podman login again");
        }
        Optional<Credentials> basic = decode(first[1], "https://index.docker.io/v1/", source);
        Entry entry = new Entry("https://index.docker.io/v1/", basic, Optional.empty());
        return new AuthFile(source, Map.of("docker.io", List.of(entry)), Map.of(), null);
    }

    private static Entry entry(String key, JsonNode value, String source) throws IOException {
        Optional<String> token =
                Optional.of(value.path("identitytoken").asText("")).filter(t -> !t.isEmpty());
        Optional<Credentials> basic = decode(value.path("auth").asText(""), key, source);
        if (basic.isEmpty()) {
            String username = value.path("username").asText("");
            String password = value.path("password").asText("");
            if (!username.isEmpty()) {
                basic = Optional.of(new Credentials(username, password));
            }
        }
        return new Entry(key, basic, token);
    }

    /** {@code auth}: base64 of {@code user:password}; empty is no credentials (Docker's marker for a helper). */
    private static Optional<Credentials> decode(String auth, String key, String source) throws IOException {
        if (auth.isBlank()) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(auth.trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IOException("the 'auth' entry for " + key + " in " + source
                    + " is not base64; expected base64 of user:password");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw new IOException(
                    "the 'auth' entry for " + key + " in " + source + " is not base64 of user:password (no colon)");
        }
        String password = decoded.substring(colon + 1).replaceAll("\u0000+$", "");
        return Optional.of(new Credentials(decoded.substring(0, colon), password));
    }

    /**
     * The key as a registry, namespace or repository: a scheme and the path after the host are dropped
     * ({@code https://quay.io/v1/} is {@code quay.io}), as are all paths in a legacy file; Docker Hub's names are
     * {@code docker.io}.
     */
    static String normalizeKey(String key, boolean hostOnly) {
        String name = key.trim();
        int scheme = name.indexOf("://");
        if (scheme >= 0) {
            name = name.substring(scheme + 3);
            hostOnly = true;
        }
        while (name.endsWith("/")) {
            name = name.substring(0, name.length() - 1);
        }
        int slash = name.indexOf('/');
        String host = slash < 0 ? name : name.substring(0, slash);
        String path = slash < 0 || hostOnly ? "" : name.substring(slash);
        return (DOCKER_HUB_NAMES.contains(host) ? "docker.io" : host) + path;
    }

    /**
     * The most specific entry for the repository: {@code registry/repository}, then each namespace above it, then
     * the registry, as containers/image looks them up; among keys of one name, the one spelled so wins.
     */
    Optional<Entry> entry(String registry, String repository) {
        String key = repository.isEmpty() ? registry : registry + "/" + repository;
        while (true) {
            List<Entry> found = entries.get(key);
            if (found != null) {
                return Optional.of(found.get(0));
            }
            int slash = key.lastIndexOf('/');
            if (slash < 0) {
                return Optional.empty();
            }
            key = key.substring(0, slash);
        }
    }

    /** The helper {@code credHelpers} names for the registry. */
    Optional<String> credHelper(String registry) {
        return Optional.ofNullable(credHelpers.get(registry)).filter(h -> !h.isBlank());
    }

    /** The helper for registries that neither {@code credHelpers} nor {@code auths} name. */
    Optional<String> credsStore() {
        return credsStore;
    }

    String source() {
        return source;
    }

    @Override
    public String toString() {
        return source
                + entries.keySet().stream().sorted().toList()
                + (credHelpers.isEmpty() ? "" : " credHelpers" + credHelpers)
                + credsStore.map(s -> " credsStore=" + s).orElse("");
    }
}
