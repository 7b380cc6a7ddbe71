package io.jenkins.plugins.imagestreams.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.imagestreams.json.GateJson;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.service.StreamDefinition;
import io.jenkins.plugins.imagestreams.stream.ImageStreamSpec;
import io.jenkins.plugins.imagestreams.stream.ImportMode;
import io.jenkins.plugins.imagestreams.stream.ImportPolicy;
import io.jenkins.plugins.imagestreams.stream.ReferencePolicy;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import io.jenkins.plugins.imagestreams.stream.TagSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * One {@code ImageStream} object as a stream definition. Read: {@code metadata.name}, {@code metadata.namespace}
 * (default {@code default}), {@code spec.dockerImageRepository}, and per {@code spec.tags[]} {@code name}, {@code
 * from {kind, name, namespace}}, {@code reference}, {@code importPolicy {scheduled, insecure, importMode}}, {@code
 * referencePolicy {type}} and {@code annotations}; besides OpenShift's fields, {@code spec.repository}, {@code
 * spec.historyLimit} and a tag's {@code alias}. Other fields (labels, lookupPolicy, generation, status) are ignored.
 *
 * <p>Where OpenShift's meaning is kept:
 *
 * <ul>
 *   <li>an {@code ImageStreamTag} source of the same stream, written {@code stream:tag} or just {@code tag}, tracks
 *       that tag (an alias); {@code alias: true} makes a tag track another stream's tag too;
 *   <li>with {@code spec.dockerImageRepository}, a tag without {@code from} imports that tag of the repository;
 *   <li>an empty {@code importMode} is PreserveOriginal (the whole index), except on a tag that asks for one platform
 *       with {@code importer.image.openshift.io/prefer-arch} or {@code prefer-os}: that tag imports as Legacy, the
 *       only mode these annotations mean anything in.
 * </ul>
 */
final class StreamManifest {
    private static final Set<String> API_VERSIONS = Set.of("image.openshift.io/v1", "imagestreams.jenkins.io/v1", "v1");

    private StreamManifest() {}

    /**
     * @param where the source and document, to name in messages
     * @param warnings where to add what is read differently from OpenShift
     */
    static StreamDefinition read(JsonNode node, String where, List<String> warnings) {
        String apiVersion = node.path("apiVersion").asText("");
        if (!apiVersion.isEmpty() && !API_VERSIONS.contains(apiVersion)) {
            throw new InvalidManifestException(
                    where + ": apiVersion '" + apiVersion + "' is unknown; expected image.openshift.io/v1");
        }
        JsonNode metadata = node.path("metadata");
        String namespace = text(metadata, "namespace", where).orElse(StreamName.DEFAULT_NAMESPACE);
        String name = text(metadata, "name", where)
                .orElseThrow(() -> new InvalidManifestException(where + ": metadata.name is missing"));
        try {
            StreamName streamName = StreamName.of(namespace, name);
            String at = where + " (" + streamName + ")";
            JsonNode spec = node.path("spec");
            ImageStreamSpec result = ImageStreamSpec.empty();
            Optional<String> repository = text(spec, "repository", at);
            if (repository.isPresent()) {
                result = result.withRepository(ImageReference.parse(repository.get()));
            }
            if (spec.has("historyLimit")) {
                if (!spec.get("historyLimit").canConvertToInt()) {
                    throw new InvalidManifestException(at + ": spec.historyLimit must be a whole number");
                }
                result = result.withHistoryLimit(spec.get("historyLimit").asInt());
            }
            Optional<ImageReference> tracked = dockerImageRepository(spec, at);
            JsonNode tags = spec.path("tags");
            if (!tags.isMissingNode() && !tags.isNull() && !tags.isArray()) {
                throw new InvalidManifestException(at + ": spec.tags must be a list");
            }
            if (tracked.isPresent() && tags.isEmpty()) {
                warnings.add(
                        at + ": spec.dockerImageRepository " + tracked.get().name() + " has no spec tags; OpenShift"
                                + " imports the repository's tags by itself, here only spec tags are imported: list the tags"
                                + " to follow, or run 'imagestreams import-image " + streamName + " --from "
                                + tracked.get().name() + " --all'");
            }
            for (JsonNode tag : tags) {
                result = result.withTag(tag(tag, streamName, tracked, at));
            }
            return new StreamDefinition(streamName, result);
        } catch (IllegalArgumentException e) {
            if (e instanceof InvalidManifestException) {
                throw e;
            }
            throw new InvalidManifestException(where + ": " + oneLine(e), e);
        }
    }

    /** {@code spec.dockerImageRepository}: a repository without tag or digest, or empty. */
    private static Optional<ImageReference> dockerImageRepository(JsonNode spec, String at) {
        Optional<String> text = text(spec, "dockerImageRepository", at).filter(t -> !t.isBlank());
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String lastPart = text.get().substring(text.get().lastIndexOf('/') + 1);
        ImageReference repository = ImageReference.parse(text.get());
        if (lastPart.contains(":") || lastPart.contains("@")) {
            throw new InvalidManifestException(at + ": spec.dockerImageRepository '" + text.get()
                    + "' names a tag or digest; expected a repository such as quay.io/acme/app");
        }
        return Optional.of(repository);
    }

    private static TagSpec tag(JsonNode node, StreamName stream, Optional<ImageReference> tracked, String where) {
        String name = text(node, "name", where)
                .orElseThrow(() -> new InvalidManifestException(where + ": a spec tag has no name"));
        String at = where + ", tag '" + name + "'";
        try {
            return tagAt(node, name, stream, tracked, at);
        } catch (IllegalArgumentException e) {
            if (e instanceof InvalidManifestException) {
                throw e;
            }
            throw new InvalidManifestException(at + ": " + oneLine(e), e);
        }
    }

    private static TagSpec tagAt(
            JsonNode node, String name, StreamName stream, Optional<ImageReference> tracked, String at) {
        Optional<TagSource> from = Optional.empty();
        JsonNode fromNode = node.path("from");
        if (fromNode.isObject()) {
            from = Optional.of(source(fromNode, stream, at));
        } else if (!fromNode.isMissingNode() && !fromNode.isNull()) {
            throw new InvalidManifestException(at + ": from must be an object with kind and name");
        } else if (tracked.isPresent()) {
            from = Optional.of(new TagSource.DockerImage(tracked.get().withTag(name)));
        }
        Map<String, String> annotations = new TreeMap<>();
        node.path("annotations")
                .properties()
                .forEach(e -> annotations.put(e.getKey(), e.getValue().asText()));
        JsonNode policy = node.path("importPolicy");
        ImportPolicy importPolicy = new ImportPolicy(
                bool(policy, "scheduled", at), bool(policy, "insecure", at), importMode(policy, annotations, at));
        ReferencePolicy referencePolicy = ReferencePolicy.fromWireName(
                text(node.path("referencePolicy"), "type", at).orElse(""));
        boolean sameStream = from.orElse(null) instanceof TagSource.ImageStreamTag ist
                && ist.stream().equals(stream);
        TagSpec.Builder spec = TagSpec.builder(name)
                .from(from)
                .reference(bool(node, "reference", at))
                .alias(sameStream || bool(node, "alias", at))
                .importPolicy(importPolicy)
                .referencePolicy(referencePolicy)
                .annotations(annotations);
        return GateJson.read(node, stream.namespace(), spec).build();
    }

    /**
     * {@code from}. An {@code ImageStreamTag} named without a stream ({@code "3.3-ubi9"}) is a tag of this stream, as
     * OpenShift reads it.
     */
    private static TagSource source(JsonNode from, StreamName stream, String at) {
        String kind = text(from, "kind", at).orElse("DockerImage");
        String name =
                text(from, "name", at).orElseThrow(() -> new InvalidManifestException(at + ": from.name is missing"));
        String namespace = text(from, "namespace", at).filter(n -> !n.isEmpty()).orElse(stream.namespace());
        if (kind.equals("ImageStreamTag") && name.indexOf(':') < 0 && name.indexOf('@') < 0) {
            if (!namespace.equals(stream.namespace())) {
                throw new InvalidManifestException(at + ": from.name '" + name + "' in namespace '" + namespace
                        + "' names no image stream; expected stream:tag (only a tag of the same stream may be"
                        + " written without its stream)");
            }
            return new TagSource.ImageStreamTag(stream, name);
        }
        return TagSource.of(kind, name, namespace);
    }

    private static ImportMode importMode(JsonNode policy, Map<String, String> annotations, String at) {
        String mode = text(policy, "importMode", at).orElse("");
        if (mode.isEmpty()
                && (annotations.containsKey(TagSpec.PREFER_ARCH) || annotations.containsKey(TagSpec.PREFER_OS))) {
            return ImportMode.LEGACY;
        }
        return ImportMode.fromWireName(mode);
    }

    private static Optional<String> text(JsonNode node, String field, String where) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isValueNode() || value.isBoolean()) {
            throw new InvalidManifestException(where + ": " + field + " must be a string");
        }
        return Optional.of(value.asText());
    }

    private static boolean bool(JsonNode node, String field, String where) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new InvalidManifestException(where + ": " + field + " must be true or false");
        }
        return value.asBoolean();
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replace('\n', ' ').replace('\r', ' ');
    }
}
