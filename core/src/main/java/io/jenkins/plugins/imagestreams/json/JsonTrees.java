package io.jenkins.plugins.imagestreams.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Map;

/**
 * JSON trees read and written with Jackson's streaming parser and generator alone, with no {@code ObjectMapper}: the
 * first mapper a JVM makes loads time-zone, calendar and locale data (some 60 ms in a fresh JVM), which a one-shot
 * command that only reads a manifest, a tag list or an error body, or writes a stream, has no use for. Trees read here
 * equal what {@code ObjectMapper.readTree} reads (the same node types, a later duplicate field replacing an earlier
 * one, the first value read and anything after it ignored), and the bytes written equal what an {@code ObjectMapper}
 * writes of the same tree, pretty-printed or not.
 */
public final class JsonTrees {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonTrees() {}

    /** A new empty object node. */
    public static ObjectNode object() {
        return NODES.objectNode();
    }

    /** A new empty array node. */
    public static ArrayNode array() {
        return NODES.arrayNode();
    }

    /**
     * The tree of the first JSON value in {@code json}; a {@link MissingNode} when it holds none.
     *
     * @throws com.fasterxml.jackson.core.JsonProcessingException when it is not JSON
     */
    public static JsonNode read(byte[] json) throws IOException {
        return first(FACTORY.createParser(json));
    }

    /** {@link #read(byte[])} of text. */
    public static JsonNode read(String json) throws IOException {
        return first(FACTORY.createParser(json));
    }

    private static JsonNode first(JsonParser json) throws IOException {
        try (JsonParser parser = json) {
            return parser.nextToken() == null ? MissingNode.getInstance() : readValue(parser);
        }
    }

    /** A parser of {@code json}, for callers that stream part of it and read the rest with {@link #readValue}. */
    public static JsonParser parser(byte[] json) throws IOException {
        return FACTORY.createParser(json);
    }

    /**
     * The tree of the value the parser is at (its current token); the parser ends at the value's last token.
     *
     * @throws com.fasterxml.jackson.core.JsonProcessingException when the value is not JSON
     */
    public static JsonNode readValue(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT:
                ObjectNode object = NODES.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    parser.nextToken();
                    object.set(field, readValue(parser));
                }
                return object;
            case START_ARRAY:
                ArrayNode array = NODES.arrayNode();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(readValue(parser));
                }
                return array;
            case VALUE_STRING:
                return NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT:
                return switch (parser.getNumberType()) {
                    case INT -> NODES.numberNode(parser.getIntValue());
                    case LONG -> NODES.numberNode(parser.getLongValue());
                    default -> NODES.numberNode(parser.getBigIntegerValue());
                };
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(parser.getDoubleValue());
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                throw new IllegalStateException("the parser is not at a JSON value but at " + token);
        }
    }

    /** The UTF-8 JSON of {@code tree}, on one line, as {@code ObjectMapper.writeValueAsBytes} writes it. */
    public static byte[] write(JsonNode tree) {
        return write(generator -> writeValue(generator, tree), false);
    }

    /**
     * The UTF-8 JSON {@code writing} writes, indented by Jackson's default pretty printer as an {@code ObjectMapper}
     * with {@code INDENT_OUTPUT} indents: for a large document written as it is walked, without building its tree.
     */
    public static byte[] writePretty(Writing writing) {
        return write(writing, true);
    }

    /** Writes the fields of {@code object} into the object {@code generator} is in, as a tree's are written. */
    public static void writeFields(JsonGenerator generator, ObjectNode object) throws IOException {
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            generator.writeFieldName(field.getKey());
            writeValue(generator, field.getValue());
        }
    }

    /** What writes a JSON document through a generator. */
    @FunctionalInterface
    public interface Writing {
        void writeTo(JsonGenerator generator) throws IOException;
    }

    private static byte[] write(Writing writing, boolean pretty) {
        try (ByteArrayBuilder out = new ByteArrayBuilder()) {
            try (JsonGenerator generator = FACTORY.createGenerator(out)) {
                if (pretty) {
                    generator.setPrettyPrinter(new DefaultPrettyPrinter());
                }
                writing.writeTo(generator);
            }
            return out.toByteArray();
        } catch (IOException e) {
            // writing to memory fails only on what no JSON can express
            throw new IllegalArgumentException("cannot write this as JSON: " + e.getMessage(), e);
        }
    }

    private static void writeValue(JsonGenerator generator, JsonNode node) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT:
                generator.writeStartObject();
                writeFields(generator, (ObjectNode) node);
                generator.writeEndObject();
                break;
            case ARRAY:
                generator.writeStartArray();
                for (JsonNode element : node) {
                    writeValue(generator, element);
                }
                generator.writeEndArray();
                break;
            case STRING:
                generator.writeString(node.textValue());
                break;
            case NUMBER:
                writeNumber(generator, node);
                break;
            case BOOLEAN:
                generator.writeBoolean(node.booleanValue());
                break;
            case NULL:
                generator.writeNull();
                break;
            default:
                throw new IllegalArgumentException("cannot write a " + node.getNodeType()
                        + " node as JSON: only objects, arrays, strings, numbers, booleans and null");
        }
    }

    private static void writeNumber(JsonGenerator generator, JsonNode node) throws IOException {
        switch (node.numberType()) {
            case INT -> generator.writeNumber(node.intValue());
            case LONG -> generator.writeNumber(node.longValue());
            case BIG_INTEGER -> generator.writeNumber(node.bigIntegerValue());
            case FLOAT -> generator.writeNumber(node.floatValue());
            case DOUBLE -> generator.writeNumber(node.doubleValue());
            default -> generator.writeNumber(node.decimalValue());
        }
    }
}
