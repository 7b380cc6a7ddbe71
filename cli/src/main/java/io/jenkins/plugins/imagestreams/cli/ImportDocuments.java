package io.jenkins.plugins.imagestreams.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.imagestreams.api.ImportResult;
import io.jenkins.plugins.imagestreams.api.RepositoryImport;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.TagEvent;

/** What an import did, as a line for people or a document for programs. */
final class ImportDocuments {
    private ImportDocuments() {}

    /** {@code app-dev/myapp:latest imported sha256:… (pull spec), was sha256:…}, or unchanged, or the failure. */
    static String line(String streamTag, ImportResult result) {
        if (result instanceof ImportResult.Changed c) {
            return streamTag + " imported " + c.current().image() + " ("
                    + c.current().dockerImageReference() + ")"
                    + c.previous().map(p -> ", was " + p.image().shortForm()).orElse("");
        }
        if (result instanceof ImportResult.Unchanged u) {
            return streamTag + " unchanged at " + u.current().image();
        }
        ImportResult.Failed f = (ImportResult.Failed) result;
        return streamTag + " failed (" + f.condition().reason() + "): "
                + f.condition().message();
    }

    /**
     * {@code {"metadata": {"namespace", "name"}, "tag", "status": "Changed|Unchanged|Failed", "image",
     * "dockerImageReference", "created", "generation", "previousImage"}}, or the condition for a failure.
     */
    static ObjectNode single(StreamName stream, String tag, ImportResult result) {
        ObjectNode node = Printer.JSON.createObjectNode();
        ObjectNode metadata = node.putObject("metadata");
        metadata.put("namespace", stream.namespace());
        metadata.put("name", stream.name());
        node.put("tag", tag);
        if (result instanceof ImportResult.Changed c) {
            node.put("status", "Changed");
            event(node, c.current());
            c.previous().ifPresent(p -> node.put("previousImage", p.image().toString()));
        } else if (result instanceof ImportResult.Unchanged u) {
            node.put("status", "Unchanged");
            event(node, u.current());
        } else if (result instanceof ImportResult.Failed f) {
            node.put("status", "Failed");
            ObjectNode condition = node.putObject("condition");
            condition.put("type", f.condition().type());
            condition.put("status", f.condition().status());
            condition.put("reason", f.condition().reason());
            condition.put("message", f.condition().message());
        }
        return node;
    }

    /** Each tag's result, and {@code notImported}: the tags the limit left out. */
    static ObjectNode repository(StreamName stream, RepositoryImport result) {
        ObjectNode node = Printer.JSON.createObjectNode();
        node.put("repository", result.repository().name());
        ArrayNode tags = node.putArray("tags");
        result.imported().forEach((tag, r) -> tags.add(single(stream, tag, r)));
        ArrayNode left = node.putArray("notImported");
        result.notImported().forEach(left::add);
        return node;
    }

    private static void event(ObjectNode node, TagEvent event) {
        node.put("image", event.image().toString());
        node.put("dockerImageReference", event.dockerImageReference());
        node.put("created", event.created().toString());
        node.put("generation", event.generation());
    }
}
