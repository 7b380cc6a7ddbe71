package io.jenkins.plugins.imagestreams.workload;

import io.jenkins.plugins.imagestreams.reference.ImageReference;
import java.util.List;
import java.util.Optional;

/**
 * Sets one pinned image in a list of workloads: the seam between promotion or a tag's image change and a cluster
 * ({@link io.jenkins.plugins.imagestreams.deploy.KubernetesDeployer} over Kubernetes; tests and other platforms bring
 * their own).
 */
public interface WorkloadDeployer {
    /**
     * Sets {@code image} in every workload of {@code targets}. A target that cannot be updated (missing, no fitting
     * container, refused) does not stop the others: it is reported as a {@link WorkloadResult.Outcome#FAILED} result
     * with the reason.
     *
     * @param image a reference with a digest
     * @param wait how long to wait for the rollouts; empty to return once the images are written
     * @return one result per workload, in the order of {@code targets}
     * @throws InterruptedException if interrupted while waiting; images already written stay written
     */
    List<WorkloadResult> deploy(List<WorkloadTarget> targets, ImageReference image, Optional<RolloutWait> wait)
            throws InterruptedException;
}
