package io.jenkins.plugins.imagestreams.signature;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.Set;
import java.util.function.Predicate;

/**
 * JSON as signatures need it: one value and nothing after it, no duplicate keys (two parsers must never read two
 * meanings from one signed text), bounded nesting; fields read by path with an {@link IllegalArgumentException} that
 * names the path and the type it must have.
 */
final class StrictJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    static {
        MAPPER.getFactory()
                .setStreamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(32)
                        .maxNumberLength(64)
                        .build());
    }

    private StrictJson() {}

    /**
     * The JSON object {@code json} holds.
     *
     * @param what names the text in messages: {@code payload}, {@code signature manifest}
     */
    static JsonNode readObject(byte[] json, String what) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(what + " is not valid JSON: "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new IllegalArgumentException(what + " cannot be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(what + " must be a JSON object");
        }
        return root;
    }

    /** A new, empty object; its fields are written in the order they are put. */
    static ObjectNode newObject() {
        return MAPPER.createObjectNode();
    }

    /** {@code node} as compact JSON. */
    static byte[] write(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /**
     * The field {@code path} ends with, in {@code parent}.
     *
     * @param path dotted, for messages: {@code critical.image.docker-manifest-digest}
     * @param type what {@code ofType} accepts, for messages: {@code a string}
     */
    static JsonNode field(JsonNode parent, String path, Predicate<JsonNode> ofType, String type) {
        JsonNode value = parent.get(path.substring(path.lastIndexOf('.') + 1));
        if (value == null || !ofType.test(value)) {
            throw new IllegalArgumentException("field '" + path + "' is missing or not " + type);
        }
        return value;
    }

    static String text(JsonNode parent, String path) {
        return field(parent, path, JsonNode::isTextual, "a string").asText();
    }

    static JsonNode object(JsonNode parent, String path) {
        return field(parent, path, JsonNode::isObject, "an object");
    }

    /** Refuses a field of {@code object} not in {@code allowed}; {@code path} is the object's, or empty for the root. */
    static void onlyFields(JsonNode object, String path, Set<String> allowed) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                String shown = name.length() <= 80 ? name : name.substring(0, 77) + "...";
                throw new IllegalArgumentException(
                        "unknown field '" + (path.isEmpty() ? "" : path + ".") + shown + "'");
            }
        }
    }
}
