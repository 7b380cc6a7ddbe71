package io.jenkins.plugins.imagestreams.store;

import static io.jenkins.plugins.imagestreams.store.StoreFixtures.PROD;
import static io.jenkins.plugins.imagestreams.store.StoreFixtures.REPO;
import static io.jenkins.plugins.imagestreams.store.StoreFixtures.STAGING;
import static io.jenkins.plugins.imagestreams.store.StoreFixtures.digest;
import static io.jenkins.plugins.imagestreams.store.StoreFixtures.promoted;
import static io.jenkins.plugins.imagestreams.store.StoreFixtures.promotion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.imagestreams.json.StreamJson;
import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.ImageStreamSpec;
import io.jenkins.plugins.imagestreams.stream.PromotionRecord;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.Test;

public class PromotionJsonTest {
    @Test
    public void gateWorkloadsPromotionsAndWorkloadUpdatesSurviveARoundTrip() {
        ImageStream stream = promoted(10);

        ImageStream read = StreamJson.read(StreamJson.write(stream, 3)).value();

        assertThat(read).isEqualTo(stream);
        assertThat(read.specTag("latest").orElseThrow().requireFrom()).contains(STAGING);
        assertThat(read.history("latest").promotions())
                .extracting(PromotionRecord::outcome)
                .containsExactly(
                        PromotionRecord.Outcome.PROMOTED,
                        PromotionRecord.Outcome.FAILED,
                        PromotionRecord.Outcome.PROMOTED);
        assertThat(read.history("latest")
                        .workloadUpdates()
                        .get(0)
                        .workloads()
                        .get(0)
                        .previousImages())
                .containsExactly(Map.entry("migrate", REPO + ":1.0"), Map.entry("app", REPO + ":1.0"));
    }

    @Test
    public void promotionsAreAReadableListNewestFirstBesideTheHistory() throws Exception {
        JsonNode tag = new ObjectMapper()
                .readTree(StreamJson.write(promoted(10), 1))
                .path("status")
                .path("tags")
                .get(0);
        JsonNode spec = new ObjectMapper()
                .readTree(StreamJson.write(promoted(10), 1))
                .path("spec")
                .path("tags")
                .get(0);

        assertThat(spec.path("requireFrom").asText()).isEqualTo("app-staging/myapp:latest");
        assertThat(spec.path("workloads").get(0).asText()).isEqualTo("deployment/app-prod/web:app");
        assertThat(spec.path("workloads").get(1).asText()).isEqualTo("cronjob/app-prod/-l app=report,tier=batch");
        JsonNode newest = tag.path("promotions").get(0);
        assertThat(newest.path("source").asText()).isEqualTo("app-staging/myapp:latest");
        assertThat(newest.path("target").asText()).isEqualTo("app-prod/myapp:latest");
        assertThat(newest.path("image").asText()).isEqualTo(digest("v2").toString());
        assertThat(newest.path("previousImage").asText()).isEqualTo(digest("v1").toString());
        assertThat(newest.path("outcome").asText()).isEqualTo("PROMOTED");
        assertThat(newest.path("workloads").get(0).path("kind").asText()).isEqualTo("Deployment");
        assertThat(newest.path("workloads").get(0).path("outcome").asText()).isEqualTo("UPDATED");
        assertThat(tag.path("promotions").get(1).has("previousImage")).isFalse();
        assertThat(tag.path("promotions").get(1).path("message").asText()).isEqualTo("copy failed: 503");
        assertThat(tag.path("workloadUpdates").get(0).path("image").asText())
                .isEqualTo(digest("v2").toString());
    }

    @Test
    public void recordsAreBoundedByTheHistoryLimit() {
        ImageStream stream = promoted(2);

        assertThat(stream.history("latest").promotions())
                .extracting(PromotionRecord::previousImage, PromotionRecord::outcome)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                Optional.of(digest("v1")), PromotionRecord.Outcome.PROMOTED),
                        org.assertj.core.groups.Tuple.tuple(Optional.empty(), PromotionRecord.Outcome.FAILED));
        assertThat(StreamJson.read(StreamJson.write(stream, 1)).value()).isEqualTo(stream);
    }

    @Test
    public void aStreamWithoutGatesOrRecordsKeepsItsFormerShapeAndFormerFilesStillRead() {
        byte[] json = StreamJson.write(StoreFixtures.everyField(), 1);
        String text = new String(json, StandardCharsets.UTF_8);

        assertThat(text).doesNotContain("requireFrom", "\"workloads\"", "promotions", "workloadUpdates");
        assertThat(StreamJson.read(json).value()).isEqualTo(StoreFixtures.everyField());
    }

    @Test
    public void aFailedPromotionIntoATagWithoutHistoryIsKept() {
        ImageStream stream = ImageStream.create(PROD, ImageStreamSpec.empty())
                .withPromotion("latest", promotion("v1", Optional.empty(), PromotionRecord.Outcome.FAILED));

        ImageStream read = StreamJson.read(StreamJson.write(stream, 1)).value();

        assertThat(read.history("latest").items()).isEmpty();
        assertThat(read.history("latest").promotions()).hasSize(1);
    }

    @Test
    public void anUnknownOutcomeIsAnErrorNamingTheFieldAndTheChoices() {
        String json = new String(StreamJson.write(promoted(10), 1), StandardCharsets.UTF_8)
                .replaceFirst("\"outcome\" : \"PROMOTED\"", "\"outcome\" : \"DONE\"");

        assertThatThrownBy(() -> StreamJson.read(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'outcome'")
                .hasMessageContaining("DONE")
                .hasMessageContaining("WORKLOADS_FAILED");
    }
}
