package io.jenkins.plugins.imagestreams.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.stream.Evidence;
import io.jenkins.plugins.imagestreams.stream.TagEvent;
import io.jenkins.plugins.imagestreams.stream.TagHistory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Reads a stored stream's {@code status.tags} from a parser, each history's {@code items} value by value: the history
 * entries are nearly all of a large store, and a tree of them cost a load more than the records it makes. Everything
 * else of a history is read as a tree, as {@link TagJson} reads it.
 *
 * <p>Reading and checking are apart: the parser is read to the end first and each history is checked when its supplier
 * is called, so a bad field is reported as {@link StreamJson} reports it, in its order. An entry whose fields are not
 * the plain strings and whole number expected (or missing) is checked by {@link TagJson#readItem}, which names the
 * field.
 */
final class StatusReader {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private StatusReader() {}

    /**
     * The histories of the {@code status} object the parser is at the start of, or null when it holds no list
     * {@code tags}: the caller then reads the status as a tree. The parser ends at the status's end.
     */
    static List<Supplier<TagHistory>> read(JsonParser parser, ObjectNode statusWithoutTags) throws IOException {
        List<Supplier<TagHistory>> histories = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (field.equals("tags") && value == JsonToken.START_ARRAY) {
                histories = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    histories.add(history(parser));
                }
                statusWithoutTags.remove(field);
            } else {
                statusWithoutTags.set(field, JsonTrees.readValue(parser));
                if (field.equals("tags")) {
                    histories = null;
                }
            }
        }
        return histories;
    }

    /** The history the parser is at: an object with its items streamed, or any other value as a tree. */
    private static Supplier<TagHistory> history(JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            JsonNode other = JsonTrees.readValue(parser);
            return () -> TagJson.readHistory(other);
        }
        ObjectNode rest = NODES.objectNode();
        List<RawItem> items = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (field.equals("items") && value == JsonToken.START_ARRAY) {
                items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(item(parser));
                }
                rest.remove(field);
            } else {
                rest.set(field, JsonTrees.readValue(parser));
                if (field.equals("items")) {
                    items = null;
                }
            }
        }
        if (items == null) {
            return () -> TagJson.readHistory(rest);
        }
        List<RawItem> read = items;
        return () -> {
            List<TagEvent> events = new ArrayList<>(read.size());
            read.forEach(item -> events.add(item.event()));
            return TagJson.readHistory(rest, events);
        };
    }

    /** The history entry the parser is at, its plain fields kept as read and any other field as a tree. */
    private static RawItem item(JsonParser parser) throws IOException {
        RawItem item = new RawItem();
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            item.other = JsonTrees.readValue(parser);
            return item;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (value == JsonToken.VALUE_STRING && item.setText(field, parser.getText())) {
                item.removeTree(field);
            } else if (value == JsonToken.VALUE_NUMBER_INT
                    && field.equals("generation")
                    && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                item.generation = parser.getLongValue();
                item.removeTree(field);
            } else {
                item.setText(field, null);
                if (field.equals("generation")) {
                    item.generation = null;
                }
                item.tree().set(field, JsonTrees.readValue(parser));
            }
        }
        return item;
    }

    /** One history entry as read: its plain fields, the rest as trees; checked when made into a {@link TagEvent}. */
    private static final class RawItem {
        private String created;
        private String dockerImageReference;
        private String image;
        private String cause;
        private Long generation;
        /** The fields read as trees ({@code evidence}, and any of another type than expected), made when needed. */
        private ObjectNode trees;

        private JsonNode other;

        ObjectNode tree() {
            if (trees == null) {
                trees = NODES.objectNode();
            }
            return trees;
        }

        void removeTree(String field) {
            if (trees != null) {
                trees.remove(field);
            }
        }

        private boolean hasTree(String field) {
            return trees != null && trees.has(field);
        }

        /** Keeps {@code value} when {@code field} is one of the plain strings, and says whether it was. */
        boolean setText(String field, String value) {
            switch (field) {
                case "created" -> created = value;
                case "dockerImageReference" -> dockerImageReference = value;
                case "image" -> image = value;
                case "cause" -> cause = value;
                default -> {
                    return false;
                }
            }
            return true;
        }

        TagEvent event() {
            if (other != null) {
                return TagJson.readItem(other);
            }
            if (created == null
                    || dockerImageReference == null
                    || image == null
                    || generation == null
                    || hasTree("created")
                    || hasTree("dockerImageReference")
                    || hasTree("image")
                    || hasTree("cause")
                    || hasTree("generation")) {
                return TagJson.readItem(asTree());
            }
            return new TagEvent(
                    JsonFields.instant(created, "created"),
                    dockerImageReference,
                    Digest.parse(image),
                    generation,
                    cause == null ? "" : cause,
                    trees == null ? Evidence.NONE : EvidenceJson.read(trees));
        }

        /** The entry as the tree {@link TagJson#readItem} reads, so that it names what is wrong as it always has. */
        private ObjectNode asTree() {
            ObjectNode node = tree().deepCopy();
            putIfSet(node, "created", created);
            putIfSet(node, "dockerImageReference", dockerImageReference);
            putIfSet(node, "image", image);
            putIfSet(node, "cause", cause);
            if (generation != null) {
                node.put("generation", generation);
            }
            return node;
        }

        private static void putIfSet(ObjectNode node, String field, String value) {
            if (value != null) {
                node.put(field, value);
            }
        }
    }
}
