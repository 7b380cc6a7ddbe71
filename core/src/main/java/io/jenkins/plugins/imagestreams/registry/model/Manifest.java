package io.jenkins.plugins.imagestreams.registry.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.imagestreams.json.JsonTrees;
import io.jenkins.plugins.imagestreams.reference.Digest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A manifest or index exactly as the registry served it. The bytes are never re-serialized, so pushing them elsewhere
 * keeps the digest; the constructor checks that {@code digest} is the hash of {@code bytes}.
 *
 * <p>The helpers read the JSON on each call and throw {@link IllegalStateException} if it is not a manifest.
 */
public record Manifest(Digest digest, String mediaType, byte[] bytes) {

    public Manifest {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(mediaType, "mediaType");
        bytes = Objects.requireNonNull(bytes, "bytes").clone();
        if (!digest.matches(bytes)) {
            throw new IllegalArgumentException("manifest bytes do not hash to " + digest);
        }
    }

    /** A manifest from raw bytes, digested with sha256. */
    public static Manifest of(String mediaType, byte[] bytes) {
        return new Manifest(Digest.sha256(bytes), mediaType, bytes);
    }

    /** A copy of the raw bytes. */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The size in bytes, as a descriptor of this manifest would state it. */
    public int size() {
        return bytes.length;
    }

    /** Whether this is an OCI index or a Docker manifest list. */
    public boolean isIndex() {
        return MediaTypes.isIndex(mediaType);
    }

    /** The manifests an index lists, with their platforms; empty for a single manifest. */
    public List<Descriptor> children() {
        return isIndex() ? descriptors(tree().path("manifests"), true) : List.of();
    }

    /** The config blob of a single manifest; empty for an index. */
    public Optional<Descriptor> config() {
        JsonNode config = tree().path("config");
        return isIndex() || config.isMissingNode() ? Optional.empty() : Optional.of(descriptor(config, false));
    }

    /** The layers of a single manifest, in order; empty for an index. */
    public List<Descriptor> layers() {
        return isIndex() ? List.of() : descriptors(tree().path("layers"), false);
    }

    /** Every blob a single manifest needs in a repository: its config, then its layers. */
    public List<Descriptor> blobs() {
        List<Descriptor> blobs = new ArrayList<>();
        config().ifPresent(blobs::add);
        blobs.addAll(layers());
        return List.copyOf(blobs);
    }

    /**
     * The manifest this one is attached to, from its {@code subject} field (OCI image spec 1.1): a signature, SBOM or
     * attestation names the image it describes there. Empty when there is no subject.
     */
    public Optional<Descriptor> subject() {
        JsonNode subject = tree().path("subject");
        return subject.isObject() ? Optional.of(descriptor(subject, false)) : Optional.empty();
    }

    /** The {@code artifactType} field of an artifact manifest or index (OCI image spec 1.1); empty when absent. */
    public Optional<String> artifactType() {
        String type = tree().path("artifactType").asText("");
        return type.isEmpty() ? Optional.empty() : Optional.of(type);
    }

    /** The manifest's own {@code annotations}, in their order; values that are no strings are skipped. */
    public Map<String, String> annotations() {
        Map<String, String> annotations = new LinkedHashMap<>();
        tree().path("annotations").fields().forEachRemaining(field -> {
            if (field.getValue().isTextual()) {
                annotations.put(field.getKey(), field.getValue().asText());
            }
        });
        return Collections.unmodifiableMap(annotations);
    }

    /** This manifest as a descriptor, for an index entry or a copy plan. */
    public Descriptor descriptor() {
        return new Descriptor(mediaType, digest, bytes.length);
    }

    private JsonNode tree() {
        try {
            JsonNode tree = JsonTrees.read(bytes);
            if (tree == null || !tree.isObject()) {
                throw new IllegalStateException("manifest " + digest + " is not a JSON object");
            }
            return tree;
        } catch (IOException e) {
            throw new IllegalStateException("manifest " + digest + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    private List<Descriptor> descriptors(JsonNode array, boolean withPlatform) {
        List<Descriptor> result = new ArrayList<>();
        for (JsonNode node : array) {
            result.add(descriptor(node, withPlatform));
        }
        return List.copyOf(result);
    }

    private Descriptor descriptor(JsonNode node, boolean withPlatform) {
        try {
            Optional<Platform> platform = Optional.empty();
            JsonNode p = node.path("platform");
            if (withPlatform && p.isObject()) {
                platform = Optional.of(new Platform(
                        p.path("os").asText(),
                        p.path("architecture").asText(),
                        p.path("variant").asText(null)));
            }
            return new Descriptor(
                    node.path("mediaType").asText(""),
                    Digest.parse(node.path("digest").asText()),
                    node.path("size").asLong(),
                    platform);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("manifest " + digest + " has an invalid descriptor: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Manifest other
                && digest.equals(other.digest)
                && mediaType.equals(other.mediaType)
                && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return digest.hashCode();
    }

    @Override
    public String toString() {
        return "Manifest[" + digest + ", " + mediaType + ", " + bytes.length + " bytes]";
    }
}
