package io.jenkins.plugins.imagestreams.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.stream.Evidence;
import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.ImageStreamSpec;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import io.jenkins.plugins.imagestreams.stream.TagSpec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.junit.Test;

/**
 * A stored stream's history entries are read value by value, not as a tree: what is read is what was written, and an
 * entry, history or status of another shape fails naming the field, as the tree reading always did.
 */
public class StreamJsonReadTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String REPO = "registry.example.com:5000/team/app";

    private static ImageStream stream() {
        ImageStream stream = ImageStream.create(
                StreamName.of("team", "app"),
                ImageStreamSpec.empty()
                        .withTag(TagSpec.of("a", new TagSource.DockerImage(ImageReference.parse(REPO + ":a"))))
                        .withTag(TagSpec.of("b", new TagSource.DockerImage(ImageReference.parse(REPO + ":b")))));
        Instant t0 = Instant.parse("2026-01-01T00:00:00.5Z");
        for (int i = 0; i < 3; i++) {
            Digest digest = Digest.sha256(("a" + i).getBytes(StandardCharsets.UTF_8));
            stream = stream.recordImport("a", digest, REPO + "@" + digest, t0.plusSeconds(i), "import");
        }
        Digest signed = Digest.sha256("b".getBytes(StandardCharsets.UTF_8));
        Evidence evidence = new Evidence(
                List.of(new Evidence.Signature("SHA256:00", "reg/app", Digest.sha256(new byte[1]), "verified")),
                List.of());
        return stream.recordImport("b", signed, REPO + "@" + signed, t0, "tag from app:1", evidence);
    }

    @Test
    public void readsBackEveryEntryAsWritten() {
        ImageStream written = stream();
        assertThat(StreamJson.read(StreamJson.write(written, 7)).value()).isEqualTo(written);
        assertThat(StreamJson.read(StreamJson.write(written, 7)).version()).isEqualTo(7);
    }

    @Test
    public void readsFieldsInAnyOrderAndIgnoresUnknownOnes() throws Exception {
        ImageStream written = stream();
        ObjectNode root = (ObjectNode) MAPPER.readTree(StreamJson.write(written, 1));
        ObjectNode item = firstItem(root);
        ObjectNode reordered = MAPPER.createObjectNode();
        reordered.put("unknown", "x");
        reordered.putObject("nested").putArray("deep").add(1);
        List.of("generation", "image", "cause", "dockerImageReference", "created")
                .forEach(field -> reordered.set(field, item.get(field)));
        ((com.fasterxml.jackson.databind.node.ArrayNode)
                        root.get("status").get("tags").get(0).get("items"))
                .set(0, reordered);
        ObjectNode status = (ObjectNode) root.remove("status");
        status.put("other", true);
        ObjectNode first = MAPPER.createObjectNode().set("status", status);
        first.setAll(root);
        assertThat(StreamJson.read(MAPPER.writeValueAsBytes(first)).value()).isEqualTo(written);
    }

    @Test
    public void anEntryOfAnotherShapeFailsNamingTheField() {
        assertFails(item -> item.remove("created"), "field 'created' is missing or not a string");
        assertFails(item -> item.put("created", 5), "field 'created' is missing or not a string");
        assertFails(item -> item.put("created", "yesterday"), "field 'created' is not an RFC 3339 UTC time");
        assertFails(item -> item.putNull("dockerImageReference"), "field 'dockerImageReference' is missing");
        assertFails(item -> item.put("generation", "3"), "field 'generation' is missing or not a whole number");
        assertFails(item -> item.put("generation", 1.5), "field 'generation' is missing or not a whole number");
        assertFails(
                item -> item.put("generation", new java.math.BigInteger("99999999999999999999")),
                "field 'generation' is missing or not a whole number");
        assertFails(item -> item.put("image", "sha256:abc"), "must have 64 lowercase hex characters");
        assertFails(item -> item.put("evidence", "none"), "field 'evidence' is missing or not an object");
    }

    @Test
    public void anEntryWhoseCauseIsNotAStringReadsItAsText() throws Exception {
        ObjectNode root = (ObjectNode) MAPPER.readTree(StreamJson.write(stream(), 1));
        firstItem(root).put("cause", 42);
        assertThat(StreamJson.read(MAPPER.writeValueAsBytes(root))
                        .value()
                        .status()
                        .tags()
                        .get(0)
                        .items()
                        .get(0)
                        .cause())
                .isEqualTo("42");
    }

    @Test
    public void aStatusHistoryOrItemListOfAnotherShapeFailsNamingTheField() throws Exception {
        assertRootFails(root -> root.put("status", "none"), "field 'status' is missing or not an object");
        assertRootFails(root -> ((ObjectNode) root.get("status")).put("tags", 1), "field 'tags' is missing");
        assertRootFails(root -> ((ObjectNode) root.get("status")).remove("tags"), "field 'tags' is missing");
        assertRootFails(
                root -> ((com.fasterxml.jackson.databind.node.ArrayNode)
                                root.get("status").get("tags"))
                        .set(0, 3),
                "field 'items' is missing or not a list");
        assertRootFails(
                root -> ((ObjectNode) root.get("status").get("tags").get(0)).put("items", "x"),
                "field 'items' is missing or not a list");
        assertRootFails(
                root -> ((com.fasterxml.jackson.databind.node.ArrayNode)
                                root.get("status").get("tags").get(0).get("items"))
                        .set(0, 3),
                "field 'created' is missing or not a string");
    }

    @Test
    public void aBadApiVersionIsReportedBeforeABadHistory() throws Exception {
        assertRootFails(
                root -> {
                    root.put("apiVersion", "v0");
                    firstItem(root).remove("created");
                },
                "apiVersion is not " + StreamJson.API_VERSION);
        assertThatThrownBy(() -> StreamJson.read("[1, 2]".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("expected a JSON object");
        assertThatThrownBy(() -> StreamJson.read("{\"status\": {\"tags\": [".getBytes(StandardCharsets.UTF_8)))
                .hasMessageStartingWith("not valid JSON");
    }

    private static ObjectNode firstItem(ObjectNode root) {
        return (ObjectNode) root.get("status").get("tags").get(0).get("items").get(0);
    }

    private static void assertFails(Consumer<ObjectNode> change, String message) {
        assertRootFails(root -> change.accept(firstItem(root)), message);
    }

    private static void assertRootFails(Consumer<ObjectNode> change, String message) {
        ObjectNode root;
        try {
            root = (ObjectNode) MAPPER.readTree(StreamJson.write(stream(), 1));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        change.accept(root);
        assertThatThrownBy(() -> StreamJson.read(MAPPER.writeValueAsBytes(root)))
                .hasMessageContaining(message);
    }
}
