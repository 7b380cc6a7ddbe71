package io.jenkins.plugins.imagestreams.stream;

import static io.jenkins.plugins.imagestreams.stream.TagHistoryTest.A;
import static io.jenkins.plugins.imagestreams.stream.TagHistoryTest.B;
import static io.jenkins.plugins.imagestreams.stream.TagHistoryTest.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class ImageStreamTest {
    private static final StreamName APP = StreamName.parse("app");
    private static final TagSpec LATEST =
            TagSpec.of("latest", new TagSource.DockerImage(ImageReference.parse("localhost:5000/app:latest")));

    private static ImageStream stream(TagSpec... tags) {
        return ImageStream.create(APP, new ImageStreamSpec(java.util.Optional.empty(), 10, List.of(tags)));
    }

    private static String ref(Digest d) {
        return "localhost:5000/app@" + d;
    }

    @Test
    public void createdStreamAndItsTagsStartAtGenerationOne() {
        ImageStream s = stream(LATEST);
        assertThat(s.generation()).isEqualTo(1);
        assertThat(s.specTag("latest").orElseThrow().generation()).hasValue(1);
        assertThat(s.importPending("latest")).isTrue();
    }

    @Test
    public void openShiftTimelineOfImportsFailuresAndRecovery() {
        ImageStream s = stream(LATEST).recordImport("latest", A, ref(A), T0, "import");
        assertThat(s.generation()).isEqualTo(2);
        assertThat(s.specTag("latest").orElseThrow().generation()).hasValue(2);
        assertThat(s.history("latest").items()).extracting(TagEvent::generation).containsExactly(2L);
        assertThat(s.importPending("latest")).isFalse();

        assertThat(s.recordImport("latest", A, ref(A), T0.plusSeconds(60), "import"))
                .isSameAs(s);

        s = s.recordImport("latest", B, ref(B), T0.plusSeconds(120), "import");
        assertThat(s.history("latest").items()).extracting(TagEvent::image).containsExactly(B, A);
        assertThat(s.generation()).isEqualTo(3);

        ImageStream failed = s.recordFailure("latest", "InternalError", "registry down", T0.plusSeconds(180));
        assertThat(failed.generation()).isEqualTo(4);
        assertThat(failed.history("latest").importFailure().orElseThrow().generation())
                .isEqualTo(4);
        assertThat(failed.currentImage("latest").orElseThrow().image()).isEqualTo(B);
        assertThat(failed.recordFailure("latest", "InternalError", "registry down", T0.plusSeconds(240)))
                .isSameAs(failed);

        ImageStream recovered = failed.recordImport("latest", B, ref(B), T0.plusSeconds(300), "import");
        assertThat(recovered.generation()).isEqualTo(5);
        assertThat(recovered.history("latest").items())
                .extracting(TagEvent::generation)
                .containsExactly(5L, 2L);
        assertThat(recovered.history("latest").conditions()).isEmpty();
    }

    @Test
    public void respecifyingTheSameSpecChangesNothing() {
        ImageStream s = stream(LATEST);
        assertThat(s.withSpec(new ImageStreamSpec(java.util.Optional.empty(), 10, List.of(LATEST))))
                .isSameAs(s);
    }

    @Test
    public void changedSourceBumpsGenerationAndMakesImportPending() {
        ImageStream s = stream(LATEST).recordImport("latest", A, ref(A), T0, "import");
        ImageStream moved =
                s.withTag(LATEST.withFrom(new TagSource.DockerImage(ImageReference.parse("localhost:5000/app:2"))));
        assertThat(moved.generation()).isEqualTo(3);
        assertThat(moved.specTag("latest").orElseThrow().generation()).hasValue(3);
        assertThat(moved.importPending("latest")).isTrue();
    }

    @Test
    public void schedulingChangeBumpsStreamButNotTagGeneration() {
        ImageStream s = stream(LATEST).recordImport("latest", A, ref(A), T0, "import");
        ImageStream scheduled = s.withTag(LATEST.withImportPolicy(ImportPolicy.DEFAULT.withScheduled(true)));
        assertThat(scheduled.generation()).isEqualTo(3);
        assertThat(scheduled.specTag("latest").orElseThrow().generation()).hasValue(2);
        assertThat(scheduled.importPending("latest")).isFalse();
    }

    @Test
    public void generationZeroForcesReimport() {
        ImageStream s = stream(LATEST).recordImport("latest", A, ref(A), T0, "import");
        assertThat(s.withTag(LATEST.withGeneration(0)).importPending("latest")).isTrue();
    }

    @Test
    public void sameStreamAliasFollowsItsSource() {
        TagSpec prod = TagSpec.aliasOf("prod", new TagSource.ImageStreamTag(APP, "latest"));
        ImageStream s = stream(LATEST, prod).recordImport("latest", A, ref(A), T0, "import");
        assertThat(s.currentImage("prod").orElseThrow().image()).isEqualTo(A);
        assertThat(s.currentImage("prod").orElseThrow().cause()).isEqualTo("alias of latest");
        s = s.recordImport("latest", B, ref(B), T0.plusSeconds(60), "import");
        assertThat(s.history("prod").items()).extracting(TagEvent::image).containsExactly(B, A);
    }

    @Test
    public void aliasCyclesStop() {
        TagSpec x = TagSpec.aliasOf("x", new TagSource.ImageStreamTag(APP, "y"));
        TagSpec y = TagSpec.aliasOf("y", new TagSource.ImageStreamTag(APP, "x"));
        ImageStream s = stream(x, y).recordImage("x", new TagEvent(T0, ref(A), A, 1, "tag"));
        assertThat(s.currentImage("y").orElseThrow().image()).isEqualTo(A);
    }

    @Test
    public void deletingATagRemovesSpecAndHistory() {
        ImageStream s =
                stream(LATEST).recordImport("latest", A, ref(A), T0, "import").withoutTag("latest");
        assertThat(s.specTag("latest")).isEmpty();
        assertThat(s.history("latest").items()).isEmpty();
        assertThat(s.tagNames()).isEmpty();
    }

    @Test
    public void localReferencePolicyPointsAtTheStreamsRepository() {
        ImageStream s = stream(LATEST.withReferencePolicy(ReferencePolicy.LOCAL))
                .recordImport("latest", A, ref(A), T0, "import");
        assertThat(s.pullSpec("latest")).contains(ref(A));
        ImageStream own = s.withSpec(s.spec().withRepository(ImageReference.parse("localhost:6000/mine/app")));
        assertThat(own.pullSpec("latest")).contains("localhost:6000/mine/app@" + A);
    }

    @Test
    public void findImageByPrefixAndRejectAmbiguity() {
        ImageStream s = stream(LATEST)
                .recordImport("latest", A, ref(A), T0, "import")
                .recordImport("latest", B, ref(B), T0.plusSeconds(1), "import");
        assertThat(s.findImage(A.hex().substring(0, 10)).orElseThrow().image()).isEqualTo(A);
        assertThat(s.findImage(B.toString()).orElseThrow().image()).isEqualTo(B);
        assertThat(s.findImage("ffffffffffff" + "0".repeat(20))).isEmpty();
        Digest c1 = Digest.parse("sha256:abc1" + "0".repeat(60));
        Digest c2 = Digest.parse("sha256:abc2" + "0".repeat(60));
        ImageStream twins = s.recordImport("latest", c1, ref(c1), T0.plusSeconds(2), "import")
                .recordImport("latest", c2, ref(c2), T0.plusSeconds(3), "import");
        assertThatThrownBy(() -> twins.findImage("abc")).hasMessageContaining("multiple images");
        assertThat(twins.findImage("sha256:abc2").orElseThrow().image()).isEqualTo(c2);
    }

    @Test
    public void loweringTheHistoryLimitTrimsHistory() {
        ImageStream s = stream(LATEST)
                .recordImport("latest", A, ref(A), T0, "import")
                .recordImport("latest", B, ref(B), T0.plusSeconds(1), "import");
        assertThat(s.withSpec(s.spec().withHistoryLimit(1)).history("latest").items())
                .extracting(TagEvent::image)
                .containsExactly(B);
    }

    @Test
    public void annotationsAreKeptAndCopied() {
        TagSpec legacy = LATEST.withAnnotations(Map.of(TagSpec.PREFER_ARCH, "arm64"));
        assertThat(legacy.annotations()).containsEntry(TagSpec.PREFER_ARCH, "arm64");
    }

    @Test
    public void specsAreEqualWhenEveryComponentIs() {
        ImageStreamSpec spec = ImageStreamSpec.empty().withTag(LATEST);
        ImageStreamSpec same = ImageStreamSpec.empty().withTag(LATEST);
        assertThat(spec)
                .isEqualTo(same)
                .hasSameHashCodeAs(same)
                .isNotEqualTo(null)
                .isNotEqualTo("spec");
        assertThat(spec)
                .isNotEqualTo(spec.withHistoryLimit(3))
                .isNotEqualTo(spec.withRepository(ImageReference.parse("localhost:5000/team/app")))
                .isNotEqualTo(spec.withTag(TagSpec.withoutSource("other")))
                .isNotEqualTo(spec.withTag(LATEST.withGeneration(7)));
        // a record component added later must be compared too
        assertThat(ImageStreamSpec.class.getRecordComponents()).hasSize(3);
    }
}
