package io.jenkins.plugins.imagestreams.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.service.StreamDefinition;
import io.jenkins.plugins.imagestreams.stream.ImageStreamSpec;
import io.jenkins.plugins.imagestreams.stream.ImportMode;
import io.jenkins.plugins.imagestreams.stream.ImportPolicy;
import io.jenkins.plugins.imagestreams.stream.ReferencePolicy;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import io.jenkins.plugins.imagestreams.stream.TagSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads stream definitions from YAML: OpenShift's own {@code ImageStream} manifests ({@code apiVersion:
 * image.openshift.io/v1}, or this project's {@code imagestreams.jenkins.io/v1}), several documents in one file or a
 * {@code kind: List} of them. Read per stream: {@code metadata.name}, {@code metadata.namespace} (default {@code
 * default}), {@code spec.tags[]} with {@code name}, {@code from {kind, name, namespace}}, {@code reference}, {@code
 * importPolicy {scheduled, insecure, importMode}}, {@code referencePolicy {type}} and {@code annotations}; besides
 * OpenShift's fields, {@code spec.repository}, {@code spec.historyLimit} and a tag's {@code alias}. Other fields
 * (labels, lookupPolicy, status) are ignored. As in OpenShift, a tag from an {@code ImageStreamTag} of the same stream
 * tracks it (an alias); {@code alias: true} makes a tag track another stream's tag too. An empty {@code importMode}
 * means PreserveOriginal (OpenShift's default is Legacy). Every error names the file, the document and the field.
 */
final class StreamConfig {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> API_VERSIONS = Set.of("image.openshift.io/v1", "imagestreams.jenkins.io/v1", "v1");

    /** One stream the file defines. */
    private StreamConfig() {}

    /**
     * Reads {@code file}.
     *
     * @throws ConfigException naming the file, document and field that is wrong, or when the file cannot be read
     */
    static List<StreamDefinition> read(Path file) {
        List<JsonNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(Files.newBufferedReader(file))) {
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                    documents.add(doc);
                }
            }
        } catch (NoSuchFileException e) {
            throw new ConfigException("config file " + file + " does not exist");
        } catch (JsonProcessingException e) {
            throw new ConfigException("config file " + file + " is not valid YAML: " + e.getOriginalMessage());
        } catch (IOException | RuntimeException e) {
            if (e instanceof ConfigException c) {
                throw c;
            }
            if (e.getCause() instanceof JsonProcessingException yaml) {
                throw new ConfigException("config file " + file + " is not valid YAML: " + yaml.getOriginalMessage());
            }
            throw new ConfigException("config file " + file + " cannot be read: " + Errors.oneLine(e));
        }
        List<StreamDefinition> definitions = new ArrayList<>();
        Set<StreamName> seen = new HashSet<>();
        for (int i = 0; i < documents.size(); i++) {
            JsonNode doc = documents.get(i);
            String where = file + ", document " + (i + 1);
            List<JsonNode> streams = new ArrayList<>();
            if ("List".equals(doc.path("kind").asText())) {
                doc.path("items").forEach(streams::add);
            } else {
                streams.add(doc);
            }
            for (int j = 0; j < streams.size(); j++) {
                String at = streams.size() > 1 || "List".equals(doc.path("kind").asText())
                        ? where + ", item " + (j + 1)
                        : where;
                StreamDefinition definition = definition(streams.get(j), at);
                if (!seen.add(definition.name())) {
                    throw new ConfigException(at + ": image stream " + definition.name() + " is defined twice");
                }
                definitions.add(definition);
            }
        }
        return definitions;
    }

    private static StreamDefinition definition(JsonNode node, String where) {
        if (!node.isObject()) {
            throw new ConfigException(where + ": expected an ImageStream object");
        }
        if (!"ImageStream".equals(node.path("kind").asText())) {
            throw new ConfigException(
                    where + ": kind is '" + node.path("kind").asText() + "'; expected ImageStream (or a List of them)");
        }
        String apiVersion = node.path("apiVersion").asText("");
        if (!apiVersion.isEmpty() && !API_VERSIONS.contains(apiVersion)) {
            throw new ConfigException(
                    where + ": apiVersion '" + apiVersion + "' is unknown; expected image.openshift.io/v1");
        }
        JsonNode metadata = node.path("metadata");
        String namespace = text(metadata, "namespace", where).orElse(StreamName.DEFAULT_NAMESPACE);
        String name = text(metadata, "name", where)
                .orElseThrow(() -> new ConfigException(where + ": metadata.name is missing"));
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
                    throw new ConfigException(at + ": spec.historyLimit must be a whole number");
                }
                result = result.withHistoryLimit(spec.get("historyLimit").asInt());
            }
            JsonNode tags = spec.path("tags");
            if (!tags.isMissingNode() && !tags.isNull() && !tags.isArray()) {
                throw new ConfigException(at + ": spec.tags must be a list");
            }
            for (JsonNode tag : tags) {
                result = result.withTag(tag(tag, streamName, at));
            }
            return new StreamDefinition(streamName, result);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(where + ": " + Errors.oneLine(e));
        }
    }

    private static TagSpec tag(JsonNode node, StreamName stream, String where) {
        String name =
                text(node, "name", where).orElseThrow(() -> new ConfigException(where + ": a spec tag has no name"));
        String at = where + ", tag '" + name + "'";
        try {
            return tagAt(node, name, stream, at);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(at + ": " + Errors.oneLine(e));
        }
    }

    private static TagSpec tagAt(JsonNode node, String name, StreamName stream, String at) {
        String namespace = stream.namespace();
        Optional<TagSource> from = Optional.empty();
        JsonNode fromNode = node.path("from");
        if (fromNode.isObject()) {
            String kind = text(fromNode, "kind", at).orElse("DockerImage");
            String fromName =
                    text(fromNode, "name", at).orElseThrow(() -> new ConfigException(at + ": from.name is missing"));
            String fromNamespace = text(fromNode, "namespace", at).orElse(namespace);
            from = Optional.of(TagSource.of(kind, fromName, fromNamespace));
        } else if (!fromNode.isMissingNode() && !fromNode.isNull()) {
            throw new ConfigException(at + ": from must be an object with kind and name");
        }
        JsonNode policy = node.path("importPolicy");
        ImportPolicy importPolicy = new ImportPolicy(
                bool(policy, "scheduled", at),
                bool(policy, "insecure", at),
                ImportMode.fromWireName(text(policy, "importMode", at).orElse("")));
        ReferencePolicy referencePolicy = ReferencePolicy.fromWireName(
                text(node.path("referencePolicy"), "type", at).orElse(""));
        Map<String, String> annotations = new TreeMap<>();
        node.path("annotations")
                .properties()
                .forEach(e -> annotations.put(e.getKey(), e.getValue().asText()));
        boolean sameStream = from.orElse(null) instanceof TagSource.ImageStreamTag ist
                && ist.stream().equals(stream);
        return TagSpec.builder(name)
                .from(from)
                .reference(bool(node, "reference", at))
                .alias(sameStream || bool(node, "alias", at))
                .importPolicy(importPolicy)
                .referencePolicy(referencePolicy)
                .annotations(annotations)
                .build();
    }

    private static Optional<String> text(JsonNode node, String field, String where) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isValueNode() || value.isBoolean()) {
            throw new ConfigException(where + ": " + field + " must be a string");
        }
        return Optional.of(value.asText());
    }

    private static boolean bool(JsonNode node, String field, String where) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new ConfigException(where + ": " + field + " must be true or false");
        }
        return value.asBoolean();
    }
}
