package io.jenkins.plugins.imagestreams.stream;

import io.jenkins.plugins.imagestreams.check.Require;
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
 * @param gates the gates the image passed, as a person reads them
 * @param evidence the signatures the gates verified and the one the promotion wrote, and what the copy carried
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
        String message,
        List<String> gates,
        Evidence evidence) {

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
        Require.nonNull("source, target, image", source, target, image);
        Require.nonNull("previousImage, time, outcome", previousImage, time, outcome);
        if (dockerImageReference == null || dockerImageReference.isEmpty()) {
            throw new InvalidStreamException("a promotion record needs the pinned pull spec it promoted");
        }
        actor = actor == null ? "" : actor;
        workloads = List.copyOf(workloads);
        message = message == null ? "" : message;
        gates = List.copyOf(gates);
        Objects.requireNonNull(evidence, "evidence");
    }

    /**
     * A builder for the promotion of {@code image} from {@code source} into {@code target}: not copied, no previous
     * image, actor, workload results or message until set; the pinned pull spec, time and outcome must be set.
     */
    public static Builder builder(TagSource.ImageStreamTag source, TagSource.ImageStreamTag target, Digest image) {
        return new Builder(source, target, image);
    }

    /** Whether the tag moved and every workload is fine. */
    public boolean succeeded() {
        return outcome == Outcome.PROMOTED;
    }

    /** The history cause of the tag move: {@code promoted from ns/stream:tag by actor}. */
    public String cause() {
        return "promoted from " + source + " by " + (actor.isEmpty() ? "unknown" : actor);
    }

    /** A builder holding every field of this record, to change some of them. */
    public Builder toBuilder() {
        return builder(source, target, image)
                .dockerImageReference(dockerImageReference)
                .previousImage(previousImage)
                .copied(copied)
                .time(time)
                .actor(actor)
                .outcome(outcome)
                .workloads(workloads)
                .message(message)
                .gates(gates)
                .evidence(evidence);
    }

    /** This record with another outcome, workload results and message. */
    public PromotionRecord withOutcome(Outcome newOutcome, List<WorkloadResult> newWorkloads, String newMessage) {
        return toBuilder()
                .outcome(newOutcome)
                .workloads(newWorkloads)
                .message(newMessage)
                .build();
    }

    /** This record with {@code more} evidence: what a copy carried, the signature a promotion wrote. */
    public PromotionRecord withEvidence(Evidence more) {
        return toBuilder().evidence(evidence.plus(more)).build();
    }

    /** A promotion record field by field; {@link #build()} checks them as the constructor does. Not thread-safe. */
    public static final class Builder {
        private final TagSource.ImageStreamTag source;
        private final TagSource.ImageStreamTag target;
        private final Digest image;
        private String dockerImageReference;
        private Optional<Digest> previousImage = Optional.empty();
        private boolean copied;
        private Instant time;
        private String actor = "";
        private Outcome outcome;
        private List<WorkloadResult> workloads = List.of();
        private String message = "";
        private List<String> gates = List.of();
        private Evidence evidence = Evidence.NONE;

        private Builder(TagSource.ImageStreamTag source, TagSource.ImageStreamTag target, Digest image) {
            this.source = source;
            this.target = target;
            this.image = image;
        }

        public Builder dockerImageReference(String value) {
            this.dockerImageReference = value;
            return this;
        }

        public Builder previousImage(Optional<Digest> value) {
            this.previousImage = value;
            return this;
        }

        public Builder copied(boolean value) {
            this.copied = value;
            return this;
        }

        public Builder time(Instant value) {
            this.time = value;
            return this;
        }

        public Builder actor(String value) {
            this.actor = value;
            return this;
        }

        public Builder outcome(Outcome value) {
            this.outcome = value;
            return this;
        }

        public Builder workloads(List<WorkloadResult> value) {
            this.workloads = value;
            return this;
        }

        public Builder message(String value) {
            this.message = value;
            return this;
        }

        public Builder gates(List<String> value) {
            this.gates = value;
            return this;
        }

        public Builder evidence(Evidence value) {
            this.evidence = value;
            return this;
        }

        /** @throws InvalidStreamException if the pinned pull spec is missing */
        public PromotionRecord build() {
            return new PromotionRecord(
                    source,
                    target,
                    image,
                    dockerImageReference,
                    previousImage,
                    copied,
                    time,
                    actor,
                    outcome,
                    workloads,
                    message,
                    gates,
                    evidence);
        }
    }
}
