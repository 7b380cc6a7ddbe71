package io.jenkins.plugins.imagestreams.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.ImageStreamSpec;
import io.jenkins.plugins.imagestreams.stream.ImageStreamStatus;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.TagHistory;
import io.jenkins.plugins.imagestreams.stream.TagSpec;
import io.jenkins.plugins.imagestreams.stream.Versioned;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The JSON form of a stream, in OpenShift's shape and words, pretty-printed for people:
 *
 * <pre>{@code
 * {"apiVersion": "imagestreams.jenkins.io/v1", "kind": "ImageStream",
 *  "metadata": {"namespace": "default", "name": "app", "generation": 3, "resourceVersion": 7},
 *  "spec": {"repository": "…", "historyLimit": 10, "tags": [{"name": "latest", "from": {"kind": "DockerImage",
 *     "name": "…"}, "reference": false, "alias": false, "generation": 3, "importPolicy": {…},
 *     "referencePolicy": {"type": "Source"}, "tagPolicy": {…}, "annotations": {…},
 *     "requireFrom": "app-staging/myapp:latest", "workloads": ["deployment/app-prod/web:server"]}]},
 *  "status": {"tags": [{"tag": "latest", "items": [{"created": "…", "dockerImageReference": "…@sha256:…",
 *     "image": "sha256:…", "generation": 3, "cause": "import"}], "conditions": [], "deliveredTo": [],
 *     "promotions": [{"source": "app-staging/myapp:latest", "target": "app-prod/myapp:latest",
 *       "image": "sha256:…", "dockerImageReference": "…@sha256:…", "previousImage": "sha256:…", "copied": true,
 *       "time": "…", "actor": "…", "outcome": "PROMOTED", "workloads": [{"kind": "Deployment", "namespace": "…",
 *       "name": "…", "image": "…", "containersChanged": […], "previousImages": {…}, "outcome": "UPDATED",
 *       "message": ""}], "message": ""}],
 *     "workloadUpdates": [{"image": "sha256:…", "dockerImageReference": "…", "time": "…",
 *       "workloads": […]}]}]}}
 * }</pre>
 *
 * {@code requireFrom}, {@code workloads}, {@code promotions} and {@code workloadUpdates} are optional and left out
 * when empty, so streams that use none of them keep the shape they had before these fields existed; the two record
 * lists are newest first and hold at most {@code historyLimit} entries each.
 *
 * Reading is strict: a missing or mistyped field is an error naming the field.
 */
public final class StreamJson {
    public static final String API_VERSION = "imagestreams.jenkins.io/v1";

    private StreamJson() {}

    /**
     * The pretty JSON of {@code stream} stored as {@code version}, UTF-8, ending in a newline. Written as the stream is
     * walked, not from a tree of it: a save of a thousand-tag stream built a hundred thousand nodes only to write them.
     */
    public static byte[] write(ImageStream stream, long version) {
        byte[] json = JsonTrees.writePretty(g -> {
            g.writeStartObject();
            g.writeStringField("apiVersion", API_VERSION);
            g.writeStringField("kind", "ImageStream");
            g.writeObjectFieldStart("metadata");
            g.writeStringField("namespace", stream.name().namespace());
            g.writeStringField("name", stream.name().name());
            g.writeNumberField("generation", stream.generation());
            g.writeNumberField("resourceVersion", version);
            g.writeEndObject();
            g.writeObjectFieldStart("spec");
            if (stream.spec().repository().isPresent()) {
                g.writeStringField(
                        "repository", stream.spec().repository().get().toString());
            }
            g.writeNumberField("historyLimit", stream.spec().historyLimit());
            g.writeArrayFieldStart("tags");
            for (TagSpec tag : stream.spec().tags()) {
                TagJson.writeSpec(g, tag);
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeObjectFieldStart("status");
            g.writeArrayFieldStart("tags");
            for (TagHistory history : stream.status().tags()) {
                TagJson.writeHistory(g, history);
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
        });
        byte[] out = java.util.Arrays.copyOf(json, json.length + 1);
        out[json.length] = '\n';
        return out;
    }

    /**
     * Reads what {@link #write} wrote.
     *
     * @throws IllegalArgumentException naming the field that is missing or wrong
     */
    public static Versioned<ImageStream> read(byte[] json) {
        ObjectNode root = JsonTrees.object();
        List<Supplier<TagHistory>> statusTags;
        try (JsonParser parser = JsonTrees.parser(json)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                if (first != null) {
                    JsonTrees.readValue(parser);
                }
                throw new IllegalArgumentException("expected a JSON object");
            }
            statusTags = readFields(parser, root);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getMessage(), e);
        }
        if (!API_VERSION.equals(JsonFields.text(root, "apiVersion"))) {
            throw new IllegalArgumentException("apiVersion is not " + API_VERSION);
        }
        JsonNode metadata = JsonFields.object(root, "metadata");
        StreamName name = StreamName.of(JsonFields.text(metadata, "namespace"), JsonFields.text(metadata, "name"));
        JsonNode specNode = JsonFields.object(root, "spec");
        Optional<ImageReference> repository = specNode.hasNonNull("repository")
                ? Optional.of(ImageReference.parse(JsonFields.text(specNode, "repository")))
                : Optional.empty();
        List<TagSpec> tags = new ArrayList<>();
        for (JsonNode tag : JsonFields.array(specNode, "tags")) {
            tags.add(TagJson.readSpec(tag, name.namespace()));
        }
        List<TagHistory> histories = new ArrayList<>();
        if (statusTags != null) {
            statusTags.forEach(history -> histories.add(history.get()));
        } else {
            for (JsonNode tag : JsonFields.array(JsonFields.object(root, "status"), "tags")) {
                histories.add(TagJson.readHistory(tag));
            }
        }
        ImageStream stream = new ImageStream(
                name,
                JsonFields.number(metadata, "generation"),
                new ImageStreamSpec(repository, (int) JsonFields.number(specNode, "historyLimit"), tags),
                new ImageStreamStatus(histories));
        return new Versioned<>(stream, JsonFields.number(metadata, "resourceVersion"));
    }

    /**
     * Reads the fields of the root object the parser is in into {@code root} as trees, but for a {@code status} object
     * whose {@code tags} {@link StatusReader} streams: its histories are returned (null when there are none to stream,
     * and {@code root} then holds the status as it is).
     */
    private static List<Supplier<TagHistory>> readFields(JsonParser parser, ObjectNode root) throws IOException {
        List<Supplier<TagHistory>> statusTags = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (field.equals("status") && value == JsonToken.START_OBJECT) {
                ObjectNode status = JsonTrees.object();
                statusTags = StatusReader.read(parser, status);
                root.set(field, status);
            } else {
                root.set(field, JsonTrees.readValue(parser));
                if (field.equals("status")) {
                    statusTags = null;
                }
            }
        }
        return statusTags;
    }
}
