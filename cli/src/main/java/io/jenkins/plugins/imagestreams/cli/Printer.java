package io.jenkins.plugins.imagestreams.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;

/** Prints data documents as pretty JSON or YAML. */
final class Printer {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private Printer() {}

    /** Prints {@code document} in {@code format}; text is not a data format here, so it prints JSON. */
    static void print(PrintWriter out, OutputFormat format, JsonNode document) {
        try {
            if (format == OutputFormat.yaml) {
                out.print(YAML.writeValueAsString(document));
            } else {
                out.println(JSON.writeValueAsString(document));
            }
            out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot print the document", e);
        }
    }

    /** Reads JSON bytes made by the core (such as {@code StreamJson}) back as a tree. */
    static ObjectNode tree(byte[] json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read back JSON the core wrote", e);
        }
    }

    /** Kubernetes' list envelope: {@code {"apiVersion": "v1", "kind": "List", "items": [...]}}. */
    static ObjectNode list(List<? extends JsonNode> items) {
        ObjectNode list = JSON.createObjectNode();
        list.put("apiVersion", "v1");
        list.put("kind", "List");
        ArrayNode array = list.putArray("items");
        items.forEach(array::add);
        return list;
    }
}
