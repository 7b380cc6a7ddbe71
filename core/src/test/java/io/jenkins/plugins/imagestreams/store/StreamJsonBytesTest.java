package io.jenkins.plugins.imagestreams.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagestreams.json.StreamJson;
import io.jenkins.plugins.imagestreams.stream.DeliveryClaim;
import io.jenkins.plugins.imagestreams.stream.Evidence;
import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.SignaturePolicy;
import io.jenkins.plugins.imagestreams.stream.TagEvent;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import io.jenkins.plugins.imagestreams.stream.TagSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/**
 * The exact bytes a stream is stored as, every field of the format present, pinned by files under {@code
 * src/test/resources/json}: files written by earlier versions stay byte for byte what this version writes of the same
 * stream, whatever way of writing is used, and every field reads back as it was.
 */
public class StreamJsonBytesTest {
    private static final Evidence EVIDENCE = new Evidence(
            List.of(new Evidence.Signature(
                    "SHA256:00112233", "reg.example/team/app", StoreFixtures.digest("sig"), "verified")),
            List.of(new Evidence.Attachment(
                    "sbom", StoreFixtures.digest("b"), StoreFixtures.digest("sbom"), "sha256-x.sbom")));

    @Test
    public void aStreamWithEveryFieldIsWrittenAsThePinnedFile() throws IOException {
        assertWrittenAs(everyFieldAndGate(), 12, "/json/every-field.json");
    }

    @Test
    public void aStreamWithPromotionAndWorkloadRecordsIsWrittenAsThePinnedFile() throws IOException {
        assertWrittenAs(StoreFixtures.promoted(10), 3, "/json/promoted.json");
    }

    private static void assertWrittenAs(ImageStream stream, long version, String resource) throws IOException {
        byte[] written = StreamJson.write(stream, version);
        try (InputStream pinned = StreamJsonBytesTest.class.getResourceAsStream(resource)) {
            assertThat(pinned).as(resource).isNotNull();
            assertThat(new String(written, StandardCharsets.UTF_8))
                    .isEqualTo(new String(pinned.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertThat(StreamJson.read(written).value()).isEqualTo(stream);
        assertThat(StreamJson.read(written).version()).isEqualTo(version);
    }

    /**
     * {@link StoreFixtures#everyField()} with what it lacks: a gated tag (signature and minimum age), a history entry
     * with evidence, and delivery claims (one retried).
     */
    private static ImageStream everyFieldAndGate() {
        ImageStream stream = StoreFixtures.everyField();
        TagSpec gated = TagSpec.of(
                        "gated",
                        new TagSource.DockerImage(io.jenkins.plugins.imagestreams.reference.ImageReference.parse(
                                "localhost:5000/web:gated")))
                .withRequireFrom(StoreFixtures.STAGING)
                .withRequireSignature(new SignaturePolicy(
                        List.of("-----BEGIN PUBLIC KEY-----\nMFkwEwYH\n-----END PUBLIC KEY-----\n"), "matchRepository"))
                .withMinimumAge(Duration.ofMinutes(90))
                .withAnnotations(Map.of("z", "last", "a", "first \"quoted\" ✓"));
        TagEvent head = new TagEvent(
                StoreFixtures.T0.plusMillis(1500),
                "localhost:5000/web@" + StoreFixtures.digest("g"),
                StoreFixtures.digest("g"),
                2,
                "import");
        return new ImageStream(stream.name(), stream.generation(), stream.spec().withTag(gated), stream.status())
                .recordImage("gated", head.withEvidence(EVIDENCE))
                .withClaim("latest", new DeliveryClaim("jenkins-trigger-2", "host-a:41", StoreFixtures.T0))
                .withClaim(
                        "gated",
                        new DeliveryClaim("alias-follower", "host-b:7", StoreFixtures.T0)
                                .retriedBy("host-c:9", StoreFixtures.T0.plusSeconds(70)));
    }
}
