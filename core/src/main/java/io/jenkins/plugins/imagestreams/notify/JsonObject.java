package io.jenkins.plugins.imagestreams.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.InvalidReferenceException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A JSON object of a notification body with typed, path-aware field access: every missing field or wrong type becomes
 * a {@link MalformedNotificationException} naming the field, never a {@link NullPointerException}.
 */
final class JsonObject {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    static {
        MAPPER.getFactory()
                .setStreamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(64)
                        .maxStringLength(NotificationHandler.MAX_BODY_BYTES)
                        .maxNumberLength(64)
                        .build());
    }

    private final String source;
    private final String path;
    private final JsonNode node;

    private JsonObject(String source, String path, JsonNode node) {
        this.source = source;
        this.path = path;
        this.node = node;
    }

    /** Parses {@code body}, which must be one JSON object and nothing after it. */
    static JsonObject parse(String source, byte[] body) throws MalformedNotificationException {
        if (body.length > NotificationHandler.MAX_BODY_BYTES) {
            throw new MalformedNotificationException(
                    source + " notification is larger than " + NotificationHandler.MAX_BODY_BYTES + " bytes");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new MalformedNotificationException(source + " notification is not valid JSON: "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new MalformedNotificationException(source + " notification could not be read", e);
        }
        if (root == null || !root.isObject()) {
            throw new MalformedNotificationException(source + " notification must be a JSON object");
        }
        return new JsonObject(source, "", root);
    }

    String source() {
        return source;
    }

    /** The required object {@code field}. */
    JsonObject object(String field) throws MalformedNotificationException {
        return optionalObject(field).orElseThrow(() -> missing(field, "an object"));
    }

    Optional<JsonObject> optionalObject(String field) throws MalformedNotificationException {
        return typed(field, JsonNode::isObject, "an object").map(value -> new JsonObject(source, pathOf(field), value));
    }

    /** The required, non-empty string {@code field}. */
    String text(String field) throws MalformedNotificationException {
        return optionalText(field).orElseThrow(() -> missing(field, "a non-empty string"));
    }

    /** The string {@code field}; absent, null and empty all give empty. */
    Optional<String> optionalText(String field) throws MalformedNotificationException {
        return typed(field, JsonNode::isTextual, "a string")
                .map(JsonNode::asText)
                .filter(text -> !text.isEmpty());
    }

    /** The required array {@code field} whose elements are all objects. */
    List<JsonObject> objects(String field) throws MalformedNotificationException {
        JsonNode value = typed(field, JsonNode::isArray, "an array of objects")
                .orElseThrow(() -> missing(field, "an array of objects"));
        List<JsonObject> result = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            String elementPath = pathOf(field) + "[" + i + "]";
            if (!value.get(i).isObject()) {
                throw new MalformedNotificationException(
                        source + " notification: " + elementPath + " must be an object");
            }
            result.add(new JsonObject(source, elementPath, value.get(i)));
        }
        return result;
    }

    /** The raw value of {@code field}, absent when missing or null. */
    Optional<JsonNode> raw(String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    /** The optional string {@code field} parsed as a digest ({@code sha256:…}). */
    Optional<Digest> optionalDigest(String field) throws MalformedNotificationException {
        Optional<String> text = optionalText(field);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Digest.parse(text.get()));
        } catch (InvalidReferenceException e) {
            throw invalid(field, e.getMessage());
        }
    }

    /**
     * The value of {@code field}, absent when missing or null.
     *
     * @throws MalformedNotificationException if it is there but not {@code type}
     */
    private Optional<JsonNode> typed(String field, Predicate<JsonNode> ofType, String type)
            throws MalformedNotificationException {
        Optional<JsonNode> value = raw(field);
        if (value.isPresent() && !ofType.test(value.get())) {
            throw wrongType(field, type);
        }
        return value;
    }

    /** Where this object sits in the body, for messages: {@code event_data.resources[0]}, or {@code the body}. */
    String path() {
        return path.isEmpty() ? "the body" : path;
    }

    String pathOf(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    MalformedNotificationException invalid(String field, String why) {
        return new MalformedNotificationException(source + " notification: " + pathOf(field) + " is invalid: " + why);
    }

    private MalformedNotificationException missing(String field, String expected) {
        return new MalformedNotificationException(
                source + " notification: " + pathOf(field) + " is missing; expected " + expected);
    }

    private MalformedNotificationException wrongType(String field, String expected) {
        return new MalformedNotificationException(source + " notification: " + pathOf(field) + " must be " + expected);
    }
}
