package io.jenkins.plugins.imagestreams.promote;

import io.jenkins.plugins.imagestreams.api.CopyResult;
import io.jenkins.plugins.imagestreams.api.ImageSigner;
import io.jenkins.plugins.imagestreams.api.PromotionException;
import io.jenkins.plugins.imagestreams.api.PromotionOptions;
import io.jenkins.plugins.imagestreams.api.PromotionPlan;
import io.jenkins.plugins.imagestreams.api.PromotionRefusedException.Gate;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.registry.RegistryException;
import io.jenkins.plugins.imagestreams.store.StreamStore;
import io.jenkins.plugins.imagestreams.store.StreamUpdater;
import io.jenkins.plugins.imagestreams.stream.Evidence;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
    /** The payload's optional field naming the stream tag a signed promotion came from. */
    public static final String SIGNED_SOURCE = "io.jenkins.imagestreams/source";
    /** The payload's optional field naming the stream tag a signed promotion went to. */
    public static final String SIGNED_TARGET = "io.jenkins.imagestreams/target";
    /** The payload's optional field naming who promoted (a user, a job and build). */
    public static final String SIGNED_ACTOR = "io.jenkins.imagestreams/actor";
    /** The payload's optional field with the promotion's start time. */
    public static final String SIGNED_TIME = "io.jenkins.imagestreams/time";

    /** JVM-wide, so that promoters over the same store serialize promotions into one target tag. */
    private static final KeyedLocks LOCKS = new KeyedLocks();

    private final StreamStore store;
    private final StreamUpdater updater;
    private final ImageCopier copier;
    private final WorkloadDeployer deployer;
    private final Tagger tagger;
    private final Clock clock;
    private final PromotionGates gates;

    /**
     * A promoter that cannot verify signatures: a {@code requireSignature} gate refuses every promotion.
     *
     * @param changed called with the target stream after its tag moved, typically {@code
     *     EventDispatcher::deliverPending}
     */
    public Promoter(
            StreamStore store,
            ImageCopier copier,
            WorkloadDeployer deployer,
            Clock clock,
            Consumer<StreamName> changed) {
        this(store, copier, deployer, clock, changed, new PromotionGates(store, clock, SignatureCheck.UNAVAILABLE));
    }

    /**
     * @param changed called with the target stream after its tag moved, typically {@code
     *     EventDispatcher::deliverPending}
     * @param gates checks the gates of the target tag and of each promotion
     */
    public Promoter(
            StreamStore store,
            ImageCopier copier,
            WorkloadDeployer deployer,
            Clock clock,
            Consumer<StreamName> changed,
            PromotionGates gates) {
        this.store = Objects.requireNonNull(store, "store");
        this.updater = new StreamUpdater(store);
        this.copier = Objects.requireNonNull(copier, "copier");
        this.deployer = Objects.requireNonNull(deployer, "deployer");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.gates = Objects.requireNonNull(gates, "gates");
        this.tagger = new Tagger(store, clock, Objects.requireNonNull(changed, "changed"), gates);
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
        return checked(source, target, options).plan();
    }

    /** A plan and what its gates gave. */
    private record Checked(PromotionPlan plan, PromotionGates.Passed passed) {}

    private Checked checked(TagSource.ImageStreamTag source, TagSource.ImageStreamTag target, PromotionOptions options)
            throws PromotionException {
        Objects.requireNonNull(options, "options");
        TagEvent current = store.load(source.stream())
                .map(Versioned::value)
                .flatMap(s -> s.currentImage(source.tag()))
                .orElseThrow(() -> new PromotionException(source + " is not pointing to an image, so there is"
                        + " nothing to promote; import, push or tag an image into it first"));
        Optional<ImageStream> targetStream = store.load(target.stream()).map(Versioned::value);
        Optional<TagSpec> targetSpec = targetStream.flatMap(s -> s.specTag(target.tag()));
        List<Gate> planned =
                gates.of(target, targetSpec, options.requireFrom(), options.requireSignature(), Optional.of(source));
        PromotionGates.Passed passed =
                gates.check(planned, current.image(), current.dockerImageReference(), target, "promotion");
        Optional<ImageReference> repository = targetStream.flatMap(ImageStream::repository);
        return new Checked(
                new PromotionPlan(
                        source,
                        target,
                        current.image(),
                        current.dockerImageReference(),
                        repository.map(r -> r.withTag(target.tag())),
                        repository
                                .map(r -> r.withDigest(current.image()).toString())
                                .orElse(current.dockerImageReference()),
                        targetStream.flatMap(s -> s.currentImage(target.tag())).map(TagEvent::image),
                        planned,
                        options.workloads()),
                passed);
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
        Checked checked = checked(source, target, options);
        PromotionPlan plan = checked.plan();
        PromotionRecord record = PromotionRecord.builder(source, target, plan.image())
                .dockerImageReference(plan.targetPullSpec())
                .previousImage(plan.previousImage())
                .copied(plan.copyTo().isPresent())
                .time(started)
                .actor(options.actor())
                .outcome(Outcome.PROMOTED)
                .gates(checked.passed().gates())
                .evidence(checked.passed().evidence())
                .build();
        if (plan.copyTo().isPresent()) {
            record = copy(plan, options, record);
        }
        if (options.signer().isPresent()) {
            record = sign(plan, options.signer().get(), record);
        }
        tagger.write(
                source.stream(),
                plan.image(),
                plan.targetPullSpec(),
                target.stream(),
                target.tag(),
                record.cause(),
                record.evidence());
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

    /**
     * Signs the image where the target tag will point, naming that repository, with the promotion in the payload's
     * optional section.
     */
    private PromotionRecord sign(PromotionPlan plan, ImageSigner signer, PromotionRecord record)
            throws PromotionException {
        ImageReference where = ImageReference.parse(plan.targetPullSpec());
        Map<String, String> optional = new LinkedHashMap<>();
        optional.put(SIGNED_SOURCE, plan.source().toString());
        optional.put(SIGNED_TARGET, plan.target().toString());
        optional.put(SIGNED_ACTOR, record.actor());
        optional.put(SIGNED_TIME, record.time().toString());
        try {
            return record.withEvidence(new Evidence(List.of(signer.sign(where, plan.image(), optional)), List.of()));
        } catch (RegistryException | RuntimeException e) {
            throw failed(plan, record, "signing", "signing " + where.name() + "@" + plan.image(), e);
        }
    }

    private PromotionRecord copy(PromotionPlan plan, PromotionOptions options, PromotionRecord record)
            throws PromotionException, InterruptedException {
        ImageReference from = ImageReference.parse(plan.sourcePullSpec());
        ImageReference to = plan.copyTo().orElseThrow();
        try {
            CopyResult copied = copier.copy(from, to, options.copyOptions());
            if (!copied.digest().equals(plan.image())) {
                throw new IllegalStateException("copy of " + from + " to " + to + " produced " + copied.digest()
                        + " instead of " + plan.image());
            }
            return record.withEvidence(new Evidence(
                    List.of(),
                    copied.carried().stream()
                            .map(a -> new Evidence.Attachment(
                                    a.kind().name().toLowerCase(Locale.ROOT),
                                    a.subject(),
                                    a.digest(),
                                    a.tag().or(a::artifactType).orElse("")))
                            .toList()));
        } catch (RegistryException | RuntimeException e) {
            throw failed(plan, record, "copy", "copying " + from + " to " + to, e);
        }
    }

    /**
     * Records the promotion as failed ({@code step failed: …}), and the exception saying what it was {@code doing};
     * the target tag is as it was.
     */
    private PromotionException failed(
            PromotionPlan plan, PromotionRecord record, String step, String doing, Exception e) {
        PromotionRecord failed = record.withOutcome(Outcome.FAILED, List.of(), step + " failed: " + e.getMessage());
        save(failed);
        return new PromotionException(
                "promotion of " + plan.image() + " from " + plan.source() + " into " + plan.target()
                        + " failed while " + doing + ": " + e.getMessage()
                        + "; the target tag is unchanged, run the promotion again to finish it",
                e,
                failed);
    }

    private void save(PromotionRecord record) {
        StreamName stream = record.target().stream();
        updater.update(stream, s -> s.withPromotion(record.target().tag(), record));
    }
}
