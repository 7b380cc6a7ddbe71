package io.jenkins.plugins.imagestreams.events;

import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.store.StreamStore;
import io.jenkins.plugins.imagestreams.store.StreamUpdater;
import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.TagEvent;
import io.jenkins.plugins.imagestreams.stream.TagSpec;
import io.jenkins.plugins.imagestreams.stream.Versioned;
import io.jenkins.plugins.imagestreams.stream.WorkloadUpdateRecord;
import io.jenkins.plugins.imagestreams.workload.RolloutWait;
import io.jenkins.plugins.imagestreams.workload.WorkloadDeployer;
import io.jenkins.plugins.imagestreams.workload.WorkloadResult;
import io.jenkins.plugins.imagestreams.workload.WorkloadTarget;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Keeps the workloads a tag lists ({@link TagSpec#workloads()}) in step with it: OpenShift's image change trigger
 * without a job in between. On each {@link ImageChanged} of such a tag, whether from an import, a tag or a promotion,
 * the workloads are set to the tag's pinned pull spec (its reference policy applied) and the result is recorded beside
 * the tag's history ({@code workloadUpdates}).
 *
 * <p>Once per digest: the dispatcher offers each digest once, and this trigger also skips a digest its newest record
 * already set successfully, so an event delivered again after a crash (before the dispatcher saved its mark) writes
 * nothing. When a workload fails, the failure is recorded and the event is refused, so the next delivery run tries
 * again. Workloads added to a tag later get its image on its next change.
 */
public final class WorkloadTrigger implements ImageChangeListener {
    /** The listener id under which deliveries to this trigger are marked. */
    public static final String ID = "workload-trigger";

    private final StreamStore store;
    private final StreamUpdater updater;
    private final WorkloadDeployer deployer;
    private final Clock clock;
    private final Optional<RolloutWait> wait;

    /**
     * @param wait how long to wait for rollouts before recording the result; empty to record once the images are
     *     written
     */
    public WorkloadTrigger(StreamStore store, WorkloadDeployer deployer, Clock clock, Optional<RolloutWait> wait) {
        this.store = Objects.requireNonNull(store, "store");
        this.updater = new StreamUpdater(store);
        this.deployer = Objects.requireNonNull(deployer, "deployer");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.wait = Objects.requireNonNull(wait, "wait");
    }

    @Override
    public String id() {
        return ID;
    }

    /**
     * @throws WorkloadTriggerException if a workload could not be set or did not roll out; recorded, offered again
     * @throws InterruptedException if interrupted while waiting for rollouts
     */
    @Override
    public void imageChanged(ImageChanged event) throws WorkloadTriggerException, InterruptedException {
        Optional<ImageStream> stored = store.load(event.stream()).map(Versioned::value);
        if (stored.isEmpty()) {
            return;
        }
        ImageStream stream = stored.get();
        List<WorkloadTarget> workloads =
                stream.specTag(event.tag()).map(TagSpec::workloads).orElse(List.of());
        boolean stillCurrent = stream.currentImage(event.tag())
                .map(TagEvent::image)
                .filter(event.newDigest()::equals)
                .isPresent();
        if (workloads.isEmpty() || !stillCurrent) {
            return;
        }
        boolean alreadySet = stream.history(event.tag())
                .lastWorkloadUpdate()
                .filter(r -> r.image().equals(event.newDigest()) && r.succeeded())
                .isPresent();
        if (alreadySet) {
            return;
        }
        String pullSpec = stream.pullSpec(event.tag()).orElseThrow();
        List<WorkloadResult> results = deployer.deploy(workloads, ImageReference.parse(pullSpec), wait);
        String failed = results.stream()
                .filter(r -> !r.isSuccess())
                .map(WorkloadResult::summary)
                .collect(Collectors.joining("; "));
        WorkloadUpdateRecord record = new WorkloadUpdateRecord(event.newDigest(), pullSpec, clock.instant(), results);
        updater.update(event.stream(), s -> s.withWorkloadUpdate(event.tag(), record));
        if (!failed.isEmpty()) {
            throw new WorkloadTriggerException("setting " + event.streamTag() + "'s image " + pullSpec
                    + " in its workloads failed: " + failed + "; it is tried again on the next delivery run");
        }
    }

    /** Some workloads of a tag were not set to its new image; the attempt is recorded beside the tag's history. */
    public static final class WorkloadTriggerException extends Exception {
        private static final long serialVersionUID = 1L;

        public WorkloadTriggerException(String message) {
            super(message);
        }
    }
}
