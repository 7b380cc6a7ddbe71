package io.jenkins.plugins.imagestreams.store;

import static io.jenkins.plugins.imagestreams.store.StoreFixtures.STAGING;
import static io.jenkins.plugins.imagestreams.store.StoreFixtures.digest;
import static io.jenkins.plugins.imagestreams.store.StoreFixtures.promoted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.imagestreams.json.StreamJson;
import io.jenkins.plugins.imagestreams.stream.Evidence;
import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.PromotionRecord;
import io.jenkins.plugins.imagestreams.stream.SignaturePolicy;
import io.jenkins.plugins.imagestreams.stream.TagEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.Test;

/** The signature and soak-time gates of a tag, and the evidence of history entries and promotions, as stored. */
public class EvidenceJsonTest {
    private static final String KEY = "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQ\n-----END PUBLIC KEY-----\n";
    private static final Evidence EVIDENCE = new Evidence(
            List.of(new Evidence.Signature("SHA256:00112233", "reg.example/team/app", digest("sig"), "verified")),
            List.of(new Evidence.Attachment("sbom", digest("v2"), digest("sbom"), "sha256-x.sbom")));

    private static ImageStream withEvidence() {
        ImageStream stream = promoted(10);
        stream = stream.withTag(stream.specTag("latest")
                .orElseThrow()
                .withRequireSignature(new SignaturePolicy(List.of(KEY), "pattern:reg.example/team/*"))
                .withMinimumAge(Duration.ofHours(36)));
        TagEvent head = stream.currentImage("latest").orElseThrow();
        PromotionRecord record = stream.history("latest").promotions().get(0);
        return stream.recordImage(
                        "latest", head.withGeneration(head.generation() + 1).withEvidence(EVIDENCE))
                .withPromotion(
                        "latest",
                        PromotionRecord.builder(record.source(), record.target(), record.image())
                                .dockerImageReference(record.dockerImageReference())
                                .time(Instant.parse("2026-12-01T00:00:00Z"))
                                .outcome(PromotionRecord.Outcome.PROMOTED)
                                .gates(List.of("requireFrom " + STAGING + ": passed"))
                                .evidence(EVIDENCE)
                                .build());
    }

    @Test
    public void gatesAndEvidenceSurviveARoundTrip() {
        ImageStream stream = withEvidence();

        ImageStream read = StreamJson.read(StreamJson.write(stream, 4)).value();

        assertThat(read).isEqualTo(stream);
        assertThat(read.currentImage("latest").orElseThrow().evidence()).isEqualTo(EVIDENCE);
        assertThat(read.history("latest").promotions().get(0).gates())
                .containsExactly("requireFrom " + STAGING + ": passed");
    }

    @Test
    public void theStoredFormIsReadable() throws Exception {
        JsonNode root = new ObjectMapper().readTree(StreamJson.write(withEvidence(), 1));
        JsonNode spec = root.path("spec").path("tags").get(0);
        JsonNode item = root.path("status").path("tags").get(0).path("items").get(0);

        assertThat(spec.path("minimumAge").asText()).isEqualTo("1d12h");
        assertThat(spec.path("requireSignature").path("identity").asText()).isEqualTo("pattern:reg.example/team/*");
        assertThat(spec.path("requireSignature").path("publicKeys").get(0).asText())
                .isEqualTo(KEY);
        assertThat(item.path("evidence").path("signatures").get(0).path("keyId").asText())
                .isEqualTo("SHA256:00112233");
        assertThat(item.path("evidence").path("attachments").get(0).path("kind").asText())
                .isEqualTo("sbom");
        assertThat(root.path("status")
                        .path("tags")
                        .get(0)
                        .path("promotions")
                        .get(1)
                        .has("evidence"))
                .as("a record without evidence has no field")
                .isFalse();
    }

    @Test
    public void aSoakTimeThatIsNoDurationIsRefusedNamingTheField() {
        String json = new String(StreamJson.write(withEvidence(), 1), StandardCharsets.UTF_8)
                .replace("\"1d12h\"", "\"soon\"");

        assertThatThrownBy(() -> StreamJson.read(json.getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("minimumAge")
                .hasMessageContaining("'soon'");
    }
}
