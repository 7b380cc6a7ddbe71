package io.jenkins.plugins.imagestreams.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagestreams.reference.Digest;
import java.time.Instant;
import java.util.List;
import org.junit.Test;

public class TagHistoryTest {
    static final Digest A = Digest.sha256("a".getBytes());
    static final Digest B = Digest.sha256("b".getBytes());
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    static TagEvent event(Digest d, long generation, int minute) {
        return new TagEvent(T0.plusSeconds(60L * minute), "localhost:5000/app@" + d, d, generation, "import");
    }

    @Test
    public void firstEventStartsTheHistory() {
        TagHistory h = TagHistory.empty("latest").merge(event(A, 2, 0), 10);
        assertThat(h.items()).containsExactly(event(A, 2, 0));
    }

    @Test
    public void unchangedDigestAndGenerationReturnsTheSameHistory() {
        TagHistory h = TagHistory.empty("latest").merge(event(A, 2, 0), 10);
        assertThat(h.merge(event(A, 2, 5), 10)).isSameAs(h);
    }

    @Test
    public void unchangedDigestWithNewGenerationUpdatesHeadButKeepsItsCreatedTime() {
        TagHistory h = TagHistory.empty("latest").merge(event(A, 2, 0), 10).merge(event(A, 5, 9), 10);
        assertThat(h.items()).hasSize(1);
        assertThat(h.items().get(0).generation()).isEqualTo(5);
        assertThat(h.items().get(0).created()).isEqualTo(T0);
    }

    @Test
    public void newDigestGoesInFrontAndAbaGivesThreeEntries() {
        TagHistory h = TagHistory.empty("latest")
                .merge(event(A, 2, 0), 10)
                .merge(event(B, 3, 1), 10)
                .merge(event(A, 4, 2), 10);
        assertThat(h.items()).extracting(TagEvent::image).containsExactly(A, B, A);
        assertThat(h.items()).extracting(TagEvent::generation).containsExactly(4L, 3L, 2L);
    }

    @Test
    public void sameDigestUnderANewPullSpecIsUpdatedInPlace() {
        TagHistory h = TagHistory.empty("latest").merge(event(A, 2, 0), 10);
        TagEvent mirrored = new TagEvent(T0, "mirror:5000/app@" + A, A, 3, "import");
        TagHistory moved = h.merge(mirrored, 10);
        assertThat(moved.items()).hasSize(1);
        assertThat(moved.items().get(0).dockerImageReference()).isEqualTo("mirror:5000/app@" + A);
    }

    @Test
    public void historyBeyondTheLimitDropsTheOldest() {
        TagHistory h = TagHistory.empty("latest");
        for (int i = 0; i < 5; i++) {
            Digest d = Digest.sha256(("img" + i).getBytes());
            h = h.merge(event(d, i + 1, i), 3);
        }
        assertThat(h.items()).extracting(TagEvent::generation).containsExactly(5L, 4L, 3L);
    }

    @Test
    public void repeatedIdenticalFailureChangesNothingAndSuccessClearsIt() {
        TagHistory h = TagHistory.empty("latest").merge(event(A, 2, 0), 10);
        TagCondition failure = TagCondition.importFailed("NotFound", "gone", 3, T0);
        TagHistory failed = h.withFailure(failure);
        assertThat(failed.importFailure()).contains(failure);
        assertThat(failed.current()).contains(event(A, 2, 0));
        assertThat(failed.withFailure(TagCondition.importFailed("NotFound", "gone", 4, T0.plusSeconds(9))))
                .isSameAs(failed);
        assertThat(failed.withFailure(TagCondition.importFailed("Unauthorized", "who?", 4, T0))
                        .conditions())
                .extracting(TagCondition::reason)
                .containsExactly("Unauthorized");
        assertThat(failed.merge(event(B, 5, 3), 10).conditions()).isEmpty();
    }

    @Test
    public void deliveryMarksSurviveAGenerationBumpButNotANewDigest() {
        TagHistory h = TagHistory.empty("latest").merge(event(A, 2, 0), 10).withDelivered("trigger");
        assertThat(h.merge(event(A, 3, 1), 10).deliveredTo()).containsExactly("trigger");
        assertThat(h.merge(event(B, 3, 1), 10).deliveredTo()).isEmpty();
        assertThat(List.copyOf(h.withDelivered("trigger").deliveredTo())).containsExactly("trigger");
    }
}
