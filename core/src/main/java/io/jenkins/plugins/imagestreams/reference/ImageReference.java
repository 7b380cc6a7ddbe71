package io.jenkins.plugins.imagestreams.reference;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An image reference parsed once by the distribution grammar: {@code [registry/]repository[:tag][@digest]}.
 *
 * <p>Defaults live in {@link #parse(String)} alone: no registry means {@value #DOCKER_HUB}, a one-part repository on
 * Docker Hub gets {@code library/}, and neither tag nor digest means tag {@code latest}. A reference may carry both a
 * tag and a digest ({@code repo:1.2@sha256:…}); the digest then decides what is pulled.
 *
 * @see <a href="https://github.com/distribution/reference/blob/main/reference.go">the distribution grammar</a>
 */
public final class ImageReference {
    /** The registry a reference without one names. */
    public static final String DOCKER_HUB = "docker.io";
    /** The host that serves Docker Hub's registry API. */
    public static final String DOCKER_HUB_API_HOST = "registry-1.docker.io";

    private static final int NAME_MAX = 255;
    private static final Pattern DOMAIN_COMPONENT = Pattern.compile("[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?");
    private static final Pattern IPV6 = Pattern.compile("\\[[0-9a-fA-F:.]+(%[\\w.-]+)?]");
    private static final Pattern IPV4 =
            Pattern.compile("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");
    private static final Pattern PATH_COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");

    private final String registry;
    private final String repository;
    private final String tag;
    private final Digest digest;

    private ImageReference(String registry, String repository, String tag, Digest digest) {
        this.registry = registry;
        this.repository = repository;
        this.tag = tag;
        this.digest = digest;
    }

    /**
     * Parses a reference such as {@code nginx}, {@code localhost:5000/app:1.2}, {@code [::1]:5000/app@sha256:…} or
     * {@code quay.io/acme/api:1.2@sha256:…}.
     *
     * @throws InvalidReferenceException naming the part that does not follow the grammar
     */
    public static ImageReference parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidReferenceException(
                    "image reference is empty; expected [registry/]repository[:tag][@digest]");
        }
        String rest = text;
        Digest digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = parseDigest(text, rest.substring(at + 1));
            rest = rest.substring(0, at);
        }
        String tag = null;
        int lastSlash = rest.lastIndexOf('/');
        int tagColon = rest.indexOf(':', lastSlash + 1);
        if (tagColon >= 0) {
            tag = rest.substring(tagColon + 1);
            rest = rest.substring(0, tagColon);
            if (!isTag(tag)) {
                throw invalidTag(text, tag);
            }
        }
        String registry = DOCKER_HUB;
        String repository = rest;
        int firstSlash = rest.indexOf('/');
        if (firstSlash >= 0 && looksLikeRegistry(rest.substring(0, firstSlash))) {
            registry = rest.substring(0, firstSlash);
            repository = rest.substring(firstSlash + 1);
            validateRegistry(text, registry);
            registry = normalizeRegistry(registry);
        }
        validateRepository(text, repository);
        if (registry.equals(DOCKER_HUB) && !repository.contains("/")) {
            repository = "library/" + repository;
        }
        if (registry.length() + 1 + repository.length() > NAME_MAX) {
            throw invalid(text, "name is longer than " + NAME_MAX + " characters");
        }
        if (tag == null && digest == null) {
            tag = "latest";
        }
        return new ImageReference(registry, repository, tag, digest);
    }

    /**
     * A reference to {@code repository} on {@code registry} under {@code tag}, each validated as by parse. The
     * registry is taken as a registry even when it has no dot or port ({@code myhost}), which parse could not tell.
     *
     * @throws InvalidReferenceException naming the part that does not follow the grammar
     */
    public static ImageReference of(String registry, String repository, String tag) {
        String text = registry + "/" + repository + ":" + tag;
        if (registry == null || registry.isEmpty()) {
            throw invalid(text, "registry is empty");
        }
        validateRegistry(text, registry);
        ImageReference parsed = parse(text);
        if (parsed.registry.equals(normalizeRegistry(registry))) {
            return parsed;
        }
        validateRepository(text, repository);
        return new ImageReference(registry, repository, parsed.tag, null);
    }

    /** Docker Hub's legacy names ({@code index.docker.io}) are spelled {@value #DOCKER_HUB}, as Docker does. */
    private static String normalizeRegistry(String registry) {
        return registry.equals("index.docker.io") ? DOCKER_HUB : registry;
    }

    private static Digest parseDigest(String text, String digestText) {
        try {
            return Digest.parse(digestText);
        } catch (InvalidReferenceException e) {
            throw invalid(text, e.getMessage());
        }
    }

    private static boolean looksLikeRegistry(String first) {
        return first.contains(".")
                || first.contains(":")
                || first.equals("localhost")
                || first.startsWith("[")
                || !first.equals(first.toLowerCase(java.util.Locale.ROOT));
    }

    private static void validateRegistry(String text, String registry) {
        String host = registry;
        String port = null;
        if (registry.startsWith("[")) {
            int close = registry.indexOf(']');
            if (close < 0) {
                throw invalid(text, "registry '" + registry + "' opens '[' for an IPv6 address but never closes it");
            }
            host = registry.substring(0, close + 1);
            String after = registry.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    throw invalid(text, "registry '" + registry + "' has text after its IPv6 address");
                }
                port = after.substring(1);
            }
            if (!IPV6.matcher(host).matches()) {
                throw invalid(text, "registry '" + registry + "' is not a valid IPv6 address in brackets");
            }
        } else {
            int colon = registry.indexOf(':');
            if (colon >= 0) {
                host = registry.substring(0, colon);
                port = registry.substring(colon + 1);
            }
            for (String component : host.split("\\.", -1)) {
                if (!DOMAIN_COMPONENT.matcher(component).matches()) {
                    throw invalid(
                            text,
                            "registry host '" + Digest.abbreviate(host)
                                    + "' must be dot-separated letters, digits and inner '-'");
                }
            }
        }
        if (port != null && (!PORT.matcher(port).matches() || Integer.parseInt(port) > 65535)) {
            throw invalid(text, "registry port '" + Digest.abbreviate(port) + "' must be a number from 0 to 65535");
        }
    }

    private static boolean isTag(String tag) {
        return TAG.matcher(tag).matches();
    }

    private static InvalidReferenceException invalidTag(String text, String tag) {
        return invalid(
                text,
                "tag '" + Digest.abbreviate(tag)
                        + "' must be 1 to 128 of letters, digits, '_', '.', '-' and not start with '.' or '-'");
    }

    private static void validateRepository(String text, String repository) {
        if (repository.isEmpty()) {
            throw invalid(text, "repository is empty");
        }
        if (repository.length() > NAME_MAX) {
            // checked before the pattern, whose repeated groups recurse once per component and overflow the stack
            throw invalid(text, "name is longer than " + NAME_MAX + " characters");
        }
        for (String component : repository.split("/", -1)) {
            if (!PATH_COMPONENT.matcher(component).matches()) {
                throw invalid(
                        text,
                        "repository component '" + Digest.abbreviate(component)
                                + "' must be lowercase letters and digits, separated by '.', '_', '__' or '-'");
            }
        }
    }

    private static InvalidReferenceException invalid(String text, String why) {
        return new InvalidReferenceException("invalid image reference '" + Digest.abbreviate(text) + "': " + why);
    }

    /** The registry as written, with its port: {@code docker.io}, {@code localhost:5000}, {@code [::1]:5000}. */
    public String registry() {
        return registry;
    }

    /** The host and port the registry API is served from: Docker Hub's is {@value #DOCKER_HUB_API_HOST}. */
    public String apiHost() {
        return registry.equals(DOCKER_HUB) ? DOCKER_HUB_API_HOST : registry;
    }

    /** The host alone, without port or IPv6 brackets. */
    public String host() {
        String api = apiHost();
        if (api.startsWith("[")) {
            return api.substring(1, api.indexOf(']'));
        }
        int colon = api.indexOf(':');
        return colon < 0 ? api : api.substring(0, colon);
    }

    /**
     * Whether the registry is on this machine: {@code localhost}, an IPv4 literal in 127.0.0.0/8 or the IPv6 literal
     * {@code ::1}. Host names are never resolved, so {@code 127.example.com} is not loopback.
     */
    public boolean isLoopback() {
        String host = host().toLowerCase(java.util.Locale.ROOT);
        if (host.equals("localhost")) {
            return true;
        }
        if (IPV4.matcher(host).matches()) {
            return host.startsWith("127.");
        }
        return host.matches("(0{0,4}:){2,7}0{0,3}1") || host.equals("::1");
    }

    /** The repository path inside the registry: {@code library/nginx}, {@code acme/api}. */
    public String repository() {
        return repository;
    }

    public Optional<String> tag() {
        return Optional.ofNullable(tag);
    }

    public Optional<Digest> digest() {
        return Optional.ofNullable(digest);
    }

    /** What the registry API is asked for: the digest when there is one, else the tag. */
    public String identifier() {
        return digest != null ? digest.toString() : tag;
    }

    /** {@code registry/repository}, without tag or digest. */
    public String name() {
        return registry + "/" + repository;
    }

    /** The same repository under {@code newTag}, without digest. */
    public ImageReference withTag(String newTag) {
        if (!isTag(Objects.requireNonNull(newTag, "tag"))) {
            throw invalidTag(name() + ":" + newTag, newTag);
        }
        return new ImageReference(registry, repository, newTag, null);
    }

    /** The same repository pinned to {@code pinned}, without tag: {@code registry/repository@sha256:…}. */
    public ImageReference withDigest(Digest pinned) {
        return new ImageReference(registry, repository, null, Objects.requireNonNull(pinned, "digest"));
    }

    /** The same image in {@code otherRepository} on the same registry, same tag and digest. */
    public ImageReference inRepository(String otherRepository) {
        validateRepository(otherRepository, otherRepository);
        return new ImageReference(registry, otherRepository, tag, digest);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageReference other
                && registry.equals(other.registry)
                && repository.equals(other.repository)
                && Objects.equals(tag, other.tag)
                && Objects.equals(digest, other.digest);
    }

    @Override
    public int hashCode() {
        return Objects.hash(registry, repository, tag, digest);
    }

    /** The canonical form: {@code registry/repository[:tag][@digest]}, with every default spelled out. */
    @Override
    public String toString() {
        return name() + (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
    }
}
