package io.jenkins.plugins.imagestreams.stream;

import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.workload.WorkloadResult;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One promotion of an image into a stream tag, kept in the target tag's status beside its history: who moved which
 * digest from where, whether it was copied into the target stream's repository, and what happened to the workloads.
 *
 * @param source the stream tag the image was taken from
 * @param target the stream tag it was promoted into
 * @param image the digest, identical at source and target
 * @param dockerImageReference the target's pinned pull spec: its repository {@code @digest} when copied, else the
 *     source's
 * @param previousImage what the target tag pointed at before, empty if nothing
 * @param copied whether the image was copied into the target stream's repository
 * @param time when the promotion started
 * @param actor who asked for it (a user, a build)
 * @param outcome how it ended
 * @param workloads what each updated workload did, empty if none were named
 * @param message why it failed, empty on success
 */
public record PromotionRecord(
        TagSource.ImageStreamTag source,
        TagSource.ImageStreamTag target,
        Digest image,
        String dockerImageReference,
        Optional<Digest> previousImage,
        boolean copied,
        Instant time,
        String actor,
        Outcome outcome,
        List<WorkloadResult> workloads,
        String message) {

    /** How a promotion ended. */
    public enum Outcome {
        /** The target tag points at the image and every named workload runs it (or is rolling it out). */
        PROMOTED,
        /** The target tag points at the image, but a workload could not be updated or did not roll out. */
        WORKLOADS_FAILED,
        /** The copy or the tag failed; the target tag is as it was. Running the promotion again finishes it. */
        FAILED
    }

    public PromotionRecord {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(previousImage, "previousImage");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(outcome, "outcome");
        if (dockerImageReference == null || dockerImageReference.isEmpty()) {
            throw new InvalidStreamException("a promotion record needs the pinned pull spec it promoted");
        }
        actor = actor == null ? "" : actor;
        workloads = List.copyOf(workloads);
        message = message == null ? "" : message;
    }

    /** Whether the tag moved and every workload is fine. */
    public boolean succeeded() {
        return outcome == Outcome.PROMOTED;
    }

    /** The history cause of the tag move: {@code promoted from ns/stream:tag by actor}. */
    public String cause() {
        return "promoted from " + source + " by " + (actor.isEmpty() ? "unknown" : actor);
    }

    /** This record with another outcome, workload results and message. */
    public PromotionRecord withOutcome(Outcome newOutcome, List<WorkloadResult> newWorkloads, String newMessage) {
        return new PromotionRecord(
                source,
                target,
                image,
                dockerImageReference,
                previousImage,
                copied,
                time,
                actor,
                newOutcome,
                newWorkloads,
                newMessage);
    }
}
