package io.jenkins.plugins.imagestreams.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.Consumer;

/** Notification payloads from {@code src/test/resources/notify/}, as bytes, optionally edited. */
final class Fixtures {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Fixtures() {}

    /** The bytes of {@code notify/<name>}. */
    static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/notify/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture notify/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fixture with {@code edit} applied to the object at JSON pointer {@code pointer}. */
    static byte[] edited(String name, String pointer, Consumer<ObjectNode> edit) {
        try {
            JsonNode root = MAPPER.readTree(bytes(name));
            edit.accept((ObjectNode) root.at(pointer));
            return MAPPER.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fixture without field {@code field} of the object at {@code pointer}. */
    static byte[] without(String name, String pointer, String field) {
        return edited(name, pointer, node -> node.remove(field));
    }

    /** The fixture with field {@code field} of the object at {@code pointer} set to the number 42. */
    static byte[] withNumber(String name, String pointer, String field) {
        return edited(name, pointer, node -> node.put(field, 42));
    }

    /** The fixture with field {@code field} of the object at {@code pointer} set to {@code value}. */
    static byte[] withText(String name, String pointer, String field, String value) {
        return edited(name, pointer, node -> node.put(field, value));
    }
}
