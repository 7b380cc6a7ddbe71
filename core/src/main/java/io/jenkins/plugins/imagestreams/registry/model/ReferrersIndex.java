package io.jenkins.plugins.imagestreams.registry.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.imagestreams.json.JsonTrees;
import io.jenkins.plugins.imagestreams.reference.Digest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A referrers list: the OCI image index the referrers API answers, and the one clients keep under the referrers tag
 * schema's tag ({@link AttachmentTags#referrersTag}) where a registry has no such API. Immutable; {@link #withAdded}
 * keeps whatever else an existing index holds, so a list another client wrote loses nothing.
 *
 * @see <a href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md#referrers-tag-schema">Referrers
 *     Tag Schema</a>
 */
public final class ReferrersIndex {

    /** A list without referrers, as a referrers tag that does not exist yet stands for. */
    public static final ReferrersIndex EMPTY = new ReferrersIndex(emptyIndex(), List.of());

    private final ObjectNode json;
    private final List<Referrer> referrers;

    private ReferrersIndex(ObjectNode json, List<Referrer> referrers) {
        this.json = json;
        this.referrers = List.copyOf(referrers);
    }

    /**
     * Reads a referrers list.
     *
     * @throws IllegalArgumentException naming the index when it is not an OCI image index (a Docker manifest list is
     *     none), or an entry lacks a media type, a valid digest or a size
     */
    public static ReferrersIndex parse(Manifest index) {
        if (!MediaTypes.OCI_INDEX.equals(index.mediaType())) {
            throw new IllegalArgumentException("a referrers list must be an OCI image index (" + MediaTypes.OCI_INDEX
                    + "), but " + index.digest() + " is " + index.mediaType());
        }
        try {
            JsonNode tree = JsonTrees.read(index.bytes());
            if (tree == null || !tree.isObject() || !tree.path("manifests").isArray()) {
                throw new IllegalArgumentException("a referrers list needs a manifests array");
            }
            List<Referrer> entries = new ArrayList<>();
            for (JsonNode entry : tree.path("manifests")) {
                entries.add(referrer(entry));
            }
            return new ReferrersIndex((ObjectNode) tree, entries);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "the referrers list " + index.digest() + " is not a valid image index: " + e.getMessage(), e);
        }
    }

    /** The referrers listed, in the list's order. */
    public List<Referrer> referrers() {
        return referrers;
    }

    /** Whether the list has an entry for {@code manifest}. */
    public boolean lists(Digest manifest) {
        return referrers.stream().anyMatch(r -> r.digest().equals(manifest));
    }

    /** This list followed by the entries of {@code more} it does not list yet; this same list when there are none. */
    public ReferrersIndex withAdded(List<Referrer> more) {
        Map<Digest, Referrer> added = new LinkedHashMap<>();
        for (Referrer referrer : more) {
            if (!lists(referrer.digest())) {
                added.putIfAbsent(referrer.digest(), referrer);
            }
        }
        if (added.isEmpty()) {
            return this;
        }
        ObjectNode copy = json.deepCopy();
        ArrayNode manifests = copy.withArray("manifests");
        List<Referrer> all = new ArrayList<>(referrers);
        for (Referrer referrer : added.values()) {
            manifests.add(toJson(referrer));
            all.add(referrer);
        }
        return new ReferrersIndex(copy, all);
    }

    /** The list as the OCI image index to push under the referrers tag. */
    public Manifest toManifest() {
        return Manifest.of(MediaTypes.OCI_INDEX, JsonTrees.write(json));
    }

    private static Referrer referrer(JsonNode entry) {
        String mediaType = entry.path("mediaType").asText("");
        if (mediaType.isEmpty() || !entry.path("size").canConvertToLong()) {
            throw new IllegalArgumentException("an entry lacks its mediaType or size: " + entry);
        }
        String artifactType = entry.path("artifactType").asText("");
        Map<String, String> annotations = new LinkedHashMap<>();
        entry.path("annotations").fields().forEachRemaining(field -> {
            if (field.getValue().isTextual()) {
                annotations.put(field.getKey(), field.getValue().asText());
            }
        });
        return new Referrer(
                mediaType,
                Digest.parse(entry.path("digest").asText("")),
                entry.path("size").asLong(),
                artifactType.isEmpty() ? Optional.empty() : Optional.of(artifactType),
                annotations);
    }

    private static ObjectNode toJson(Referrer referrer) {
        ObjectNode node = JsonTrees.object();
        node.put("mediaType", referrer.mediaType());
        node.put("digest", referrer.digest().toString());
        node.put("size", referrer.size());
        referrer.artifactType().ifPresent(type -> node.put("artifactType", type));
        if (!referrer.annotations().isEmpty()) {
            ObjectNode annotations = node.putObject("annotations");
            referrer.annotations().forEach(annotations::put);
        }
        return node;
    }

    private static ObjectNode emptyIndex() {
        ObjectNode index = JsonTrees.object();
        index.put("schemaVersion", 2);
        index.put("mediaType", MediaTypes.OCI_INDEX);
        index.putArray("manifests");
        return index;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReferrersIndex other && json.equals(other.json);
    }

    @Override
    public int hashCode() {
        return json.hashCode();
    }

    @Override
    public String toString() {
        return "ReferrersIndex"
                + referrers.stream().map(r -> r.digest().shortForm()).toList();
    }
}
