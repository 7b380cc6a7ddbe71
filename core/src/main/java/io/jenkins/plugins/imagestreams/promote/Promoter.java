package io.jenkins.plugins.imagestreams.promote;

import io.jenkins.plugins.imagestreams.api.CopyResult;
import io.jenkins.plugins.imagestreams.api.PromotionException;
import io.jenkins.plugins.imagestreams.api.PromotionOptions;
import io.jenkins.plugins.imagestreams.api.PromotionPlan;
import io.jenkins.plugins.imagestreams.api.PromotionRefusedException;
import io.jenkins.plugins.imagestreams.api.PromotionRefusedException.Gate;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.registry.RegistryException;
import io.jenkins.plugins.imagestreams.store.StreamStore;
import io.jenkins.plugins.imagestreams.store.StreamUpdater;
import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.PromotionRecord;
import io.jenkins.plugins.imagestreams.stream.PromotionRecord.Outcome;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.TagEvent;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import io.jenkins.plugins.imagestreams.stream.TagSpec;
import io.jenkins.plugins.imagestreams.stream.Versioned;
import io.jenkins.plugins.imagestreams.workload.WorkloadDeployer;
import io.jenkins.plugins.imagestreams.workload.WorkloadResult;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Promotes one exact image from a stream tag to another ({@code app-staging/myapp:latest} to {@code
 * app-prod/myapp:latest}): resolve the source to its current digest, check the gates, copy the image into the target
 * stream's own repository if it has one, tag the target pinned to the digest, set the target environment's workloads
 * to it, and record the promotion beside the target tag's history.
 *
 * <p>The digest at the target is always the source's: the copy keeps it byte for byte and the tag pins it. Promotions
 * into the same target stream tag run one after the other within this JVM (one lock per target tag). Each step is
 * idempotent, so a promotion interrupted half-way (a failed copy, a crash) converges when run again: blobs already
 * copied are skipped, a tag already pointing at the digest stays, workloads already running it are left alone.
 */
public final class Promoter {
    /** JVM-wide, so that promoters over the same store serialize promotions into one target tag. */
    private static final KeyedLocks LOCKS = new KeyedLocks();

    private final StreamStore store;
    private final StreamUpdater updater;
    private final ImageCopier copier;
    private final WorkloadDeployer deployer;
    private final Tagger tagger;
    private final Clock clock;

    /**
     * @param changed called with the target stream after its tag moved, typically {@code
     *     EventDispatcher::deliverPending}
     */
    public Promoter(
            StreamStore store,
            ImageCopier copier,
            WorkloadDeployer deployer,
            Clock clock,
            Consumer<StreamName> changed) {
        this.store = Objects.requireNonNull(store, "store");
        this.updater = new StreamUpdater(store);
        this.copier = Objects.requireNonNull(copier, "copier");
        this.deployer = Objects.requireNonNull(deployer, "deployer");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.tagger = new Tagger(store, clock, Objects.requireNonNull(changed, "changed"));
    }

    /**
     * Works out what {@link #promote} would do, changing nothing: the dry run.
     *
     * @throws PromotionRefusedException if a gate refuses the image
     * @throws PromotionException if the source tag has no image
     */
    public PromotionPlan plan(
            TagSource.ImageStreamTag source, TagSource.ImageStreamTag target, PromotionOptions options)
            throws PromotionException {
        Objects.requireNonNull(options, "options");
        TagEvent current = store.load(source.stream())
                .map(Versioned::value)
                .flatMap(s -> s.currentImage(source.tag()))
                .orElseThrow(() -> new PromotionException(source + " is not pointing to an image, so there is"
                        + " nothing to promote; import, push or tag an image into it first"));
        Optional<ImageStream> targetStream = store.load(target.stream()).map(Versioned::value);
        Optional<TagSpec> targetSpec = targetStream.flatMap(s -> s.specTag(target.tag()));
        List<Gate> gates = PromotionGates.of(targetSpec, options.requireFrom());
        PromotionGates.check(store, gates, current.image(), target, "promotion");
        Optional<ImageReference> repository = targetStream.flatMap(ImageStream::repository);
        return new PromotionPlan(
                source,
                target,
                current.image(),
                current.dockerImageReference(),
                repository.map(r -> r.withTag(target.tag())),
                repository.map(r -> r.withDigest(current.image()).toString()).orElse(current.dockerImageReference()),
                targetStream.flatMap(s -> s.currentImage(target.tag())).map(TagEvent::image),
                gates,
                options.workloads());
    }

    /**
     * Promotes the image {@code source} points at now into {@code target}.
     *
     * @return the record kept beside the target tag's history: {@link Outcome#PROMOTED}, or {@link
     *     Outcome#WORKLOADS_FAILED} when the tag moved but a workload was not updated or did not roll out
     * @throws PromotionRefusedException if a gate refuses the image; nothing changed
     * @throws PromotionException if the source has no image, or the copy failed (recorded as {@link Outcome#FAILED};
     *     the target tag is unchanged and running the promotion again finishes it)
     * @throws InterruptedException if interrupted while copying or waiting for rollouts
     */
    public PromotionRecord promote(
            TagSource.ImageStreamTag source, TagSource.ImageStreamTag target, PromotionOptions options)
            throws PromotionException, InterruptedException {
        KeyedLocks.Held held = LOCKS.lock(target.toString());
        try {
            return promoteLocked(source, target, options);
        } finally {
            held.release();
        }
    }

    private PromotionRecord promoteLocked(
            TagSource.ImageStreamTag source, TagSource.ImageStreamTag target, PromotionOptions options)
            throws PromotionException, InterruptedException {
        Instant started = clock.instant();
        PromotionPlan plan = plan(source, target, options);
        PromotionRecord record = PromotionRecord.builder(source, target, plan.image())
                .dockerImageReference(plan.targetPullSpec())
                .previousImage(plan.previousImage())
                .copied(plan.copyTo().isPresent())
                .time(started)
                .actor(options.actor())
                .outcome(Outcome.PROMOTED)
                .build();
        if (plan.copyTo().isPresent()) {
            copy(plan, options, record);
        }
        tagger.write(
                source.stream(), plan.image(), plan.targetPullSpec(), target.stream(), target.tag(), record.cause());
        List<WorkloadResult> results = plan.workloads().isEmpty()
                ? List.of()
                : deployer.deploy(plan.workloads(), ImageReference.parse(plan.targetPullSpec()), options.rolloutWait());
        String failed = results.stream()
                .filter(r -> !r.isSuccess())
                .map(WorkloadResult::summary)
                .collect(Collectors.joining("; "));
        PromotionRecord done =
                record.withOutcome(failed.isEmpty() ? Outcome.PROMOTED : Outcome.WORKLOADS_FAILED, results, failed);
        save(done);
        return done;
    }

    private void copy(PromotionPlan plan, PromotionOptions options, PromotionRecord record)
            throws PromotionException, InterruptedException {
        ImageReference from = ImageReference.parse(plan.sourcePullSpec());
        ImageReference to = plan.copyTo().orElseThrow();
        try {
            CopyResult copied = copier.copy(from, to, options.copyOptions());
            if (!copied.digest().equals(plan.image())) {
                throw new IllegalStateException("copy of " + from + " to " + to + " produced " + copied.digest()
                        + " instead of " + plan.image());
            }
        } catch (RegistryException | RuntimeException e) {
            PromotionRecord failed = record.withOutcome(Outcome.FAILED, List.of(), "copy failed: " + e.getMessage());
            save(failed);
            throw new PromotionException(
                    "promotion of " + plan.image() + " from " + plan.source() + " into " + plan.target()
                            + " failed while copying " + from + " to " + to + ": " + e.getMessage()
                            + "; the target tag is unchanged, run the promotion again to finish it",
                    e,
                    failed);
        }
    }

    private void save(PromotionRecord record) {
        StreamName stream = record.target().stream();
        updater.update(stream, s -> s.withPromotion(record.target().tag(), record));
    }
}
