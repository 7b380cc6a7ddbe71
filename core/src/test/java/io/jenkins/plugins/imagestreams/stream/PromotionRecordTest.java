package io.jenkins.plugins.imagestreams.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagestreams.reference.Digest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.Test;

/** A promotion record's copies keep every field they do not change. */
public class PromotionRecordTest {
    private static final Digest IMAGE = digest('1');
    private static final Evidence VERIFIED = new Evidence(
            List.of(new Evidence.Signature(
                    "SHA256:aa", "reg.example/dev/app", digest('2'), Evidence.Signature.VERIFIED)),
            List.of());
    private static final Evidence CARRIED =
            new Evidence(List.of(), List.of(new Evidence.Attachment("sbom", IMAGE, digest('3'), "sha256-1.sbom")));

    private static Digest digest(char c) {
        return Digest.parse("sha256:" + String.valueOf(c).repeat(64));
    }

    private static PromotionRecord record() {
        return PromotionRecord.builder(
                        new TagSource.ImageStreamTag(StreamName.of("app-dev", "app"), "latest"),
                        new TagSource.ImageStreamTag(StreamName.of("app-prod", "app"), "latest"),
                        IMAGE)
                .dockerImageReference("reg.example/prod/app@" + IMAGE)
                .previousImage(Optional.of(digest('0')))
                .copied(true)
                .time(Instant.parse("2026-12-01T00:00:00Z"))
                .actor("release#7")
                .outcome(PromotionRecord.Outcome.PROMOTED)
                .message("")
                .gates(List.of("requireSignature: passed"))
                .evidence(VERIFIED)
                .build();
    }

    @Test
    public void toBuilderHoldsEveryField() {
        assertThat(record().toBuilder().build()).isEqualTo(record());
    }

    @Test
    public void withOutcomeChangesOutcomeWorkloadsAndMessageOnly() {
        PromotionRecord failed = record().withOutcome(PromotionRecord.Outcome.FAILED, List.of(), "copy failed: 503");

        assertThat(failed.outcome()).isEqualTo(PromotionRecord.Outcome.FAILED);
        assertThat(failed.message()).isEqualTo("copy failed: 503");
        assertThat(failed.toBuilder()
                        .outcome(PromotionRecord.Outcome.PROMOTED)
                        .message("")
                        .build())
                .isEqualTo(record());
    }

    @Test
    public void withEvidenceAddsToWhatWasThere() {
        PromotionRecord carried = record().withEvidence(CARRIED);

        assertThat(carried.evidence()).isEqualTo(VERIFIED.plus(CARRIED));
        assertThat(carried.evidence().signatures()).isEqualTo(VERIFIED.signatures());
        assertThat(carried.evidence().attachments()).isEqualTo(CARRIED.attachments());
        assertThat(carried.toBuilder().evidence(VERIFIED).build()).isEqualTo(record());
    }
}
