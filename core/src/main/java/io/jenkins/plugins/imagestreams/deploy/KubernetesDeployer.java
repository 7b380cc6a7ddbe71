package io.jenkins.plugins.imagestreams.deploy;

import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.workload.RolloutWait;
import io.jenkins.plugins.imagestreams.workload.WorkloadDeployer;
import io.jenkins.plugins.imagestreams.workload.WorkloadResult;
import io.jenkins.plugins.imagestreams.workload.WorkloadTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** {@link WorkloadDeployer} over a {@link WorkloadUpdater}: one update per target, failures reported per target. */
public final class KubernetesDeployer implements WorkloadDeployer {
    private final WorkloadUpdater updater;

    public KubernetesDeployer(WorkloadUpdater updater) {
        this.updater = Objects.requireNonNull(updater, "updater");
    }

    @Override
    public List<WorkloadResult> deploy(List<WorkloadTarget> targets, ImageReference image, Optional<RolloutWait> wait)
            throws InterruptedException {
        List<WorkloadResult> results = new ArrayList<>();
        for (WorkloadTarget target : targets) {
            try {
                results.addAll(
                        wait.isPresent() ? updater.update(target, image, wait.get()) : updater.update(target, image));
            } catch (WorkloadException e) {
                results.add(new WorkloadResult(
                        target.kind(),
                        target.namespace(),
                        e.name() == null ? String.valueOf(target.name()) : e.name(),
                        image.toString(),
                        List.of(),
                        Map.of(),
                        WorkloadResult.Outcome.FAILED,
                        e.getMessage()));
            }
        }
        return results;
    }
}
