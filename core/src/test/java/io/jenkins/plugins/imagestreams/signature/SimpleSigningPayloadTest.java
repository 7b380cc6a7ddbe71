package io.jenkins.plugins.imagestreams.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagestreams.reference.Digest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimpleSigningPayloadTest {
    private static final String DIGEST = "sha256:4c1c50d0ffc614f90b93b07d778028dc765548e823f676fb027f61d281ac380d";
    /** As cosign 2 writes it for {@code cosign sign --key k -a team=web index.docker.io/acme/app@sha256:…}. */
    private static final String COSIGN =
            "{\"critical\":{\"identity\":{\"docker-reference\":\"index.docker.io/acme/app\"},"
                    + "\"image\":{\"docker-manifest-digest\":\"" + DIGEST + "\"},"
                    + "\"type\":\"cosign container image signature\"},\"optional\":{\"team\":\"web\"}}";

    private static SimpleSigningPayload parse(String json) {
        return SimpleSigningPayload.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String critical(String identity, String image, String type) {
        return "{\"critical\":{\"identity\":" + identity + ",\"image\":" + image + ",\"type\":" + type + "}}";
    }

    @Test
    void cosignsPayloadIsReadAndWrittenBackToTheSameBytes() {
        SimpleSigningPayload payload = parse(COSIGN);

        assertThat(payload.dockerReference()).isEqualTo("index.docker.io/acme/app");
        assertThat(payload.manifestDigest()).isEqualTo(Digest.parse(DIGEST));
        assertThat(payload.type()).isEqualTo(SimpleSigningPayload.TYPE);
        assertThat(payload.optional()).containsExactly(Map.entry("team", "web"));
        assertThat(new String(payload.toBytes(), StandardCharsets.UTF_8)).isEqualTo(COSIGN);
    }

    @Test
    void toBytesIsCompactDeterministicAndWritesNoAnnotationsAsNullAsCosignDoes() {
        SimpleSigningPayload none = SimpleSigningPayload.of("quay.io/acme/api:1.2", Digest.parse(DIGEST), Map.of());
        SimpleSigningPayload some =
                SimpleSigningPayload.of("quay.io/acme/api", Digest.parse(DIGEST), Map.of("z", "1", "a", "2", "m", "3"));

        assertThat(new String(none.toBytes(), StandardCharsets.UTF_8)).endsWith("},\"optional\":null}");
        assertThat(new String(some.toBytes(), StandardCharsets.UTF_8))
                .endsWith("\"optional\":{\"a\":\"2\",\"m\":\"3\",\"z\":\"1\"}}");
        assertThat(some.toBytes())
                .isEqualTo(parse(new String(some.toBytes(), StandardCharsets.UTF_8))
                        .toBytes());
        assertThat(parse(new String(none.toBytes(), StandardCharsets.UTF_8))).isEqualTo(none);
    }

    @Test
    void skopeosOptionalNumbersAreKeptAsTheirJsonText() {
        String skopeo = COSIGN.replace(
                "{\"team\":\"web\"}",
                "{\"creator\":\"containers/image 5.24\",\"timestamp\":"
                        + "1691485434,\"gone\":null,\"tree\":{\"a\":[1]}}");

        assertThat(parse(skopeo).optional())
                .containsOnly(
                        Map.entry("creator", "containers/image 5.24"),
                        Map.entry("timestamp", "1691485434"),
                        Map.entry("tree", "{\"a\":[1]}"));
    }

    @Test
    void eachBrokenFieldIsNamed() {
        String identity = "{\"docker-reference\":\"quay.io/acme/api\"}";
        String image = "{\"docker-manifest-digest\":\"" + DIGEST + "\"}";
        String type = "\"cosign container image signature\"";

        assertRefused(
                critical(identity, image, "\"atomic container signature\""),
                "field 'critical.type' is 'atomic container signature'; expected 'cosign container image signature'");
        assertRefused(
                critical(identity, "{\"docker-manifest-digest\":\"sha256:abc\"}", type),
                "field 'critical.image.docker-manifest-digest' is not a digest: digest 'sha256:abc' must have 64"
                        + " lowercase hex characters after 'sha256:'");
        assertRefused(
                critical("{\"docker-reference\":\"Not A Reference\"}", image, type),
                "field 'critical.identity.docker-reference' is not an image reference: ");
        assertRefused(
                critical("{}", image, type),
                "field 'critical.identity.docker-reference' is missing or not a" + " string");
        assertRefused(
                critical(identity, "{\"docker-manifest-digest\":5}", type),
                "field 'critical.image.docker-manifest-digest' is missing or not a string");
        assertRefused(
                "{\"critical\":{\"image\":" + image + ",\"type\":" + type + "}}",
                "field 'critical.identity' is missing or not an object");
        assertRefused("{\"optional\":null}", "field 'critical' is missing or not an object");
        assertRefused(
                COSIGN.replace("\"optional\":{\"team\":\"web\"}", "\"optional\":[]"),
                "field 'optional' must be an object or null");
    }

    @Test
    void unknownCriticalFieldsAndDuplicateKeysAreRefused() {
        assertRefused(COSIGN.replace("\"type\":", "\"extra\":1,\"type\":"), "unknown field 'critical.extra'");
        assertRefused(
                COSIGN.replace("{\"docker-reference\"", "{\"x\":\"y\",\"docker-reference\""),
                "unknown field 'critical.identity.x'");
        assertRefused(COSIGN.replace("\"optional\"", "\"signed\":true,\"optional\""), "unknown field 'signed'");
        assertRefused(
                COSIGN.replace("\"type\":", "\"image\":{\"docker-manifest-digest\":\"" + DIGEST + "\"}," + "\"type\":"),
                "payload is not valid JSON: Duplicate field 'image'");
    }

    @Test
    void anythingButOneSmallJsonObjectIsRefused() {
        assertRefused("[]", "payload must be a JSON object");
        assertRefused("", "payload must be a JSON object");
        assertRefused(COSIGN + "{}", "payload is not valid JSON: ");
        assertRefused("{\"critical\":", "payload is not valid JSON: ");
        assertRefused(
                COSIGN.replace("\"web\"", "\"" + "w".repeat(SimpleSigningPayload.MAX_BYTES) + "\""),
                "payload has " + (COSIGN.length() + SimpleSigningPayload.MAX_BYTES - 3) + " bytes; at most 65536 are"
                        + " allowed");
    }

    private static void assertRefused(String json, String message) {
        assertThatThrownBy(() -> parse(json))
                .isInstanceOf(InvalidPayloadException.class)
                .hasMessageStartingWith(message);
    }
}
