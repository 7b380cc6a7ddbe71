package io.jenkins.plugins.imagestreams.store;

import static io.jenkins.plugins.imagestreams.store.StoreFixtures.T0;
import static io.jenkins.plugins.imagestreams.store.StoreFixtures.digest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.ImageStreamSpec;
import io.jenkins.plugins.imagestreams.stream.PromotionRecord;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.TagEvent;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import io.jenkins.plugins.imagestreams.stream.TagSpec;
import io.jenkins.plugins.imagestreams.stream.WorkloadUpdateRecord;
import io.jenkins.plugins.imagestreams.workload.WorkloadKind;
import io.jenkins.plugins.imagestreams.workload.WorkloadResult;
import io.jenkins.plugins.imagestreams.workload.WorkloadTarget;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.Test;

public class PromotionJsonTest {
    private static final StreamName PROD = StreamName.of("app-prod", "myapp");
    private static final TagSource.ImageStreamTag STAGING =
            TagSource.ImageStreamTag.parse("app-staging/myapp:latest", "x");
    private static final TagSource.ImageStreamTag TARGET = new TagSource.ImageStreamTag(PROD, "latest");
    private static final String REPO = "127.0.0.1:5000/app-prod/myapp";

    private static WorkloadResult updated(String name) {
        Map<String, String> previous = new LinkedHashMap<>();
        previous.put("migrate", REPO + ":1.0");
        previous.put("app", REPO + ":1.0");
        return new WorkloadResult(
                WorkloadKind.DEPLOYMENT,
                "app-prod",
                name,
                REPO + "@" + digest("v2"),
                List.of("migrate", "app"),
                previous,
                WorkloadResult.Outcome.UPDATED,
                "");
    }

    private static PromotionRecord promotion(String seed, Optional<String> previous, PromotionRecord.Outcome outcome) {
        return new PromotionRecord(
                STAGING,
                TARGET,
                digest(seed),
                REPO + "@" + digest(seed),
                previous.map(StoreFixtures::digest),
                true,
                T0,
                "alice",
                outcome,
                outcome == PromotionRecord.Outcome.FAILED ? List.of() : List.of(updated("web")),
                outcome == PromotionRecord.Outcome.FAILED ? "copy failed: 503" : "");
    }

    private static ImageStream promoted(int historyLimit) {
        TagSpec latest = TagSpec.withoutSource("latest")
                .withRequireFrom(STAGING)
                .withWorkloads(List.of(
                        WorkloadTarget.parse("deployment/app-prod/web:app"),
                        WorkloadTarget.parse("cronjob/app-prod/-l app=report,tier=batch")));
        ImageStream stream = ImageStream.create(
                PROD, new ImageStreamSpec(Optional.of(ImageReference.parse(REPO)), historyLimit, List.of(latest)));
        return stream.recordImage("latest", new TagEvent(T0, REPO + "@" + digest("v2"), digest("v2"), 2, "promoted"))
                .withPromotion("latest", promotion("v1", Optional.empty(), PromotionRecord.Outcome.PROMOTED))
                .withPromotion("latest", promotion("v2", Optional.empty(), PromotionRecord.Outcome.FAILED))
                .withPromotion("latest", promotion("v2", Optional.of("v1"), PromotionRecord.Outcome.PROMOTED))
                .withWorkloadUpdate(
                        "latest",
                        new WorkloadUpdateRecord(digest("v2"), REPO + "@" + digest("v2"), T0, List.of(updated("web"))));
    }

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
