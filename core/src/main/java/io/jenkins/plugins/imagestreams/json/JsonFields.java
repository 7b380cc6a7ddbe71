package io.jenkins.plugins.imagestreams.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.function.Predicate;

/**
 * Required fields of a stored stream, read by type. A field that is missing or of another type fails with an
 * {@link IllegalArgumentException} naming the field and the type it must have.
 */
final class JsonFields {
    private JsonFields() {}

    static String text(JsonNode node, String field) {
        return field(node, field, JsonNode::isTextual, "a string").asText();
    }

    static long number(JsonNode node, String field) {
        return field(node, field, v -> v.canConvertToLong() && v.isIntegralNumber(), "a whole number")
                .asLong();
    }

    static boolean bool(JsonNode node, String field) {
        return field(node, field, JsonNode::isBoolean, "true/false").asBoolean();
    }

    static JsonNode object(JsonNode node, String field) {
        return field(node, field, JsonNode::isObject, "an object");
    }

    static JsonNode array(JsonNode node, String field) {
        return field(node, field, JsonNode::isArray, "a list");
    }

    static Instant instant(JsonNode node, String field) {
        return instant(text(node, field), field);
    }

    /** The time {@code value} of {@code field} names. */
    static Instant instant(String value, String field) {
        try {
            return UtcTimes.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("field '" + field + "' is not an RFC 3339 UTC time", e);
        }
    }

    static <E extends Enum<E>> E enumOf(Class<E> type, JsonNode node, String field) {
        String value = text(node, field);
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("field '" + field + "' is '" + value + "'; expected one of "
                    + Arrays.toString(type.getEnumConstants()));
        }
    }

    private static JsonNode field(JsonNode node, String field, Predicate<JsonNode> ofType, String type) {
        JsonNode value = node.get(field);
        if (value == null || !ofType.test(value)) {
            throw new IllegalArgumentException("field '" + field + "' is missing or not " + type);
        }
        return value;
    }
}
