package io.jenkins.plugins.imagestreams.api;

import io.jenkins.plugins.imagestreams.stream.SignaturePolicy;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import io.jenkins.plugins.imagestreams.workload.RolloutWait;
import io.jenkins.plugins.imagestreams.workload.WorkloadTarget;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link io.jenkins.plugins.imagestreams.promote.Promoter#promote} promotes.
 *
 * @param actor who asks (a user, a build such as {@code job/app#42}); it goes into the history cause and the record
 * @param requireFrom a gate for this call, on top of the target tag's own {@code requireFrom}: the image must have
 *     been in this stream tag's history
 * @param workloads the target environment's workloads to set to the promoted image
 * @param rolloutWait how long to wait for their rollout; empty to not wait
 * @param copyOptions how the image is copied (platform choice, progress, attachments)
 * @param requireSignature a signature gate for this call, on top of the target tag's own
 * @param signer signs the image where the promotion put it; empty to not sign
 */
public record PromotionOptions(
        String actor,
        Optional<TagSource.ImageStreamTag> requireFrom,
        List<WorkloadTarget> workloads,
        Optional<RolloutWait> rolloutWait,
        CopyOptions copyOptions,
        Optional<SignaturePolicy> requireSignature,
        Optional<ImageSigner> signer) {
    public PromotionOptions {
        if (actor == null || actor.isBlank()) {
            throw new IllegalArgumentException("a promotion needs an actor (who asks for it) for its record");
        }
        Objects.requireNonNull(requireFrom, "requireFrom");
        workloads = List.copyOf(workloads);
        Objects.requireNonNull(rolloutWait, "rolloutWait");
        Objects.requireNonNull(copyOptions, "copyOptions");
        Objects.requireNonNull(requireSignature, "requireSignature");
        Objects.requireNonNull(signer, "signer");
    }

    /** A promotion by {@code actor} with no extra gate, no workloads, the whole image copied. */
    public static PromotionOptions by(String actor) {
        return new PromotionOptions(
                actor,
                Optional.empty(),
                List.of(),
                Optional.empty(),
                CopyOptions.defaults(),
                Optional.empty(),
                Optional.empty());
    }

    public PromotionOptions withRequireFrom(TagSource.ImageStreamTag upstream) {
        return new PromotionOptions(
                actor, Optional.of(upstream), workloads, rolloutWait, copyOptions, requireSignature, signer);
    }

    public PromotionOptions withWorkloads(List<WorkloadTarget> value) {
        return new PromotionOptions(actor, requireFrom, value, rolloutWait, copyOptions, requireSignature, signer);
    }

    public PromotionOptions withRolloutWait(RolloutWait value) {
        return new PromotionOptions(
                actor, requireFrom, workloads, Optional.of(value), copyOptions, requireSignature, signer);
    }

    /** With a signature gate for this call: the image must be signed as {@code value} asks. */
    public PromotionOptions withRequireSignature(SignaturePolicy value) {
        return new PromotionOptions(
                actor, requireFrom, workloads, rolloutWait, copyOptions, Optional.of(value), signer);
    }

    /** With {@code value} signing the image where the promotion put it. */
    public PromotionOptions withSigner(ImageSigner value) {
        return new PromotionOptions(
                actor, requireFrom, workloads, rolloutWait, copyOptions, requireSignature, Optional.of(value));
    }

    public PromotionOptions withCopyOptions(CopyOptions value) {
        return new PromotionOptions(actor, requireFrom, workloads, rolloutWait, value, requireSignature, signer);
    }
}
