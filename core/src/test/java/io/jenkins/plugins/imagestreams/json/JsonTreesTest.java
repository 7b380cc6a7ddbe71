package io.jenkins.plugins.imagestreams.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.Test;

/**
 * {@link JsonTrees} reads and writes as an {@code ObjectMapper} does: checked against one on every JSON file among the
 * test resources (vendors' published notification payloads, the container tools' auth files, manifests) and on the
 * corners of the format.
 */
public class JsonTreesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Test
    public void readsAndWritesEveryJsonResourceAsAnObjectMapperDoes() throws Exception {
        List<Path> files = jsonResources();
        assertThat(files).hasSizeGreaterThan(50);
        for (Path file : files) {
            byte[] bytes = Files.readAllBytes(file);
            JsonNode expected;
            try {
                expected = MAPPER.readTree(bytes);
            } catch (JsonProcessingException notJson) {
                assertThatThrownBy(() -> JsonTrees.read(bytes))
                        .as(file.toString())
                        .isInstanceOf(JsonProcessingException.class);
                continue;
            }
            JsonNode read = JsonTrees.read(bytes);
            assertThat(read).as(file.toString()).isEqualTo(expected);
            assertThat(new String(JsonTrees.write(read), StandardCharsets.UTF_8))
                    .as(file.toString())
                    .isEqualTo(MAPPER.writeValueAsString(expected));
            assertThat(new String(pretty(read), StandardCharsets.UTF_8))
                    .as(file.toString())
                    .isEqualTo(PRETTY.writeValueAsString(expected));
        }
    }

    @Test
    public void keepsTheNumberTypesAnObjectMapperReads() throws Exception {
        String json = "{\"int\": 7, \"negative\": -2147483648, \"long\": 9007199254740993, \"big\":"
                + " 123456789012345678901234567890, \"double\": 1.5e-3, \"zero\": 0.0, \"whole\": 10.0}";
        JsonNode read = JsonTrees.read(json);
        assertThat(read).isEqualTo(MAPPER.readTree(json));
        assertThat(read.get("int").isInt()).isTrue();
        assertThat(read.get("long").isLong()).isTrue();
        assertThat(read.get("big").isBigInteger()).isTrue();
        assertThat(read.get("double").isDouble()).isTrue();
        assertThat(JsonTrees.write(read)).isEqualTo(MAPPER.writeValueAsBytes(MAPPER.readTree(json)));
    }

    @Test
    public void readsStringsNullsBooleansAndEmptyContainersAsAnObjectMapperDoes() throws Exception {
        String json = "[\"caf\\u00e9 \\\"quoted\\\" \\n\", null, true, false, {}, [], {\"a\": {\"b\": [[]]}}]";
        JsonNode read = JsonTrees.read(json);
        assertThat(read).isEqualTo(MAPPER.readTree(json));
        assertThat(read.get(0).textValue()).isEqualTo("café \"quoted\" \n");
        assertThat(pretty(read)).isEqualTo(PRETTY.writeValueAsBytes(MAPPER.readTree(json)));
    }

    @Test
    public void aLaterDuplicateFieldReplacesTheEarlierAsInAnObjectMapper() throws Exception {
        String json = "{\"tag\": \"first\", \"other\": 1, \"tag\": \"second\"}";
        assertThat(JsonTrees.read(json)).isEqualTo(MAPPER.readTree(json));
        assertThat(JsonTrees.read(json).get("tag").textValue()).isEqualTo("second");
    }

    @Test
    public void emptyContentIsAMissingNodeAndTrailingContentIsIgnoredAsInAnObjectMapper() throws Exception {
        assertThat(JsonTrees.read(new byte[0]).getNodeType()).isEqualTo(JsonNodeType.MISSING);
        assertThat(JsonTrees.read("  \n").getNodeType()).isEqualTo(JsonNodeType.MISSING);
        assertThat(MAPPER.readTree("  \n").getNodeType()).isEqualTo(JsonNodeType.MISSING);
        assertThat(JsonTrees.read("{\"a\": 1} {\"b\": 2}")).isEqualTo(MAPPER.readTree("{\"a\": 1} {\"b\": 2}"));
    }

    @Test
    public void malformedJsonIsAProcessingExceptionNamingWhereItBroke() {
        assertThatThrownBy(() -> JsonTrees.read("{\"tags\": [\"a\", }"))
                .isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("line: 1");
        assertThatThrownBy(() -> JsonTrees.read("{\"tags\": [\"a\""))
                .isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("end-of-input");
    }

    @Test
    public void refusesToWriteATreeThatHoldsSomethingOtherThanJsonValues() {
        var tree = JsonTrees.object();
        tree.putPOJO("object", new Object());
        assertThatThrownBy(() -> JsonTrees.write(tree))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("POJO");
    }

    /** {@code tree} written through {@link JsonTrees#writePretty(JsonTrees.Writing)}'s generator and printer. */
    private static byte[] pretty(JsonNode tree) {
        return JsonTrees.writePretty(generator -> {
            generator.setCodec(MAPPER);
            generator.writeTree(tree);
        });
    }

    private static List<Path> jsonResources() throws IOException, URISyntaxException {
        Path root = Path.of(JsonTreesTest.class.getResource("/").toURI());
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }
}
