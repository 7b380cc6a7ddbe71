package io.jenkins.plugins.imagestreams.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.imagestreams.json.StreamJson;
import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.Versioned;

/**
 * Streams and their parts as documents with OpenShift's field names, all cut from the store's own JSON ({@link
 * StreamJson}): {@code metadata.name}, {@code spec.tags}, {@code status.tags[].tag}, {@code items[].image}, …
 */
final class StreamDocuments {
    private StreamDocuments() {}

    /** The whole stream, as stored. */
    static ObjectNode stream(Versioned<ImageStream> stored) {
        return Printer.tree(StreamJson.write(stored.value(), stored.version()));
    }

    /** {@code status.tags[]} of {@code tag}: {@code {tag, items, conditions}}; empty lists when it has none. */
    static ObjectNode history(Versioned<ImageStream> stored, String tag) {
        for (JsonNode node : stream(stored).path("status").path("tags")) {
            if (tag.equals(node.path("tag").asText())) {
                ObjectNode history = ((ObjectNode) node).deepCopy();
                history.remove("deliveredTo");
                return history;
            }
        }
        ObjectNode empty = Printer.JSON.createObjectNode();
        empty.put("tag", tag);
        empty.putArray("items");
        empty.putArray("conditions");
        return empty;
    }

    /**
     * One tag as OpenShift's {@code ImageStreamTag}: {@code metadata {namespace, name: stream:tag}}, {@code tag} (the
     * spec tag, or null), {@code generation} ({@code items[0]}'s), {@code image {name, dockerImageReference}} and
     * {@code conditions}.
     */
    static ObjectNode streamTag(Versioned<ImageStream> stored, String tag) {
        ImageStream stream = stored.value();
        ObjectNode node = Printer.JSON.createObjectNode();
        node.put("apiVersion", StreamJson.API_VERSION);
        node.put("kind", "ImageStreamTag");
        ObjectNode metadata = node.putObject("metadata");
        metadata.put("namespace", stream.name().namespace());
        metadata.put("name", stream.name().name() + ":" + tag);
        JsonNode specTag = null;
        for (JsonNode t : stream(stored).path("spec").path("tags")) {
            if (tag.equals(t.path("name").asText())) {
                specTag = t;
            }
        }
        node.set("tag", specTag);
        ObjectNode history = history(stored, tag);
        JsonNode head = history.path("items").path(0);
        if (head.isObject()) {
            node.set("generation", head.get("generation"));
            ObjectNode image = node.putObject("image");
            image.set("name", head.get("image"));
            image.set("dockerImageReference", head.get("dockerImageReference"));
            image.set("created", head.get("created"));
        } else {
            node.putNull("image");
        }
        node.set("conditions", history.get("conditions"));
        return node;
    }
}
