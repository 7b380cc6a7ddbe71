package io.jenkins.plugins.imagestreams.jenkins.runtime;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.imagestreams.deploy.KubernetesDeployer;
import io.jenkins.plugins.imagestreams.deploy.WorkloadUpdater;
import io.jenkins.plugins.imagestreams.jenkins.config.ImageStreamsConfiguration;
import io.jenkins.plugins.imagestreams.jenkins.config.KubernetesDefinition;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.workload.RolloutWait;
import io.jenkins.plugins.imagestreams.workload.WorkloadDeployer;
import io.jenkins.plugins.imagestreams.workload.WorkloadResult;
import io.jenkins.plugins.imagestreams.workload.WorkloadTarget;
import java.util.List;
import java.util.Optional;

/**
 * Core's {@link KubernetesDeployer} over the configured cluster, connecting afresh for each deployment, so edited
 * settings and rotated tokens apply at once and no client outlives its use.
 */
final class ConfiguredDeployer implements WorkloadDeployer {
    /**
     * @throws IllegalStateException if no cluster is configured (any more); the event is offered again later
     * @throws IllegalArgumentException if the settings do not make a connection, saying which one
     */
    @Override
    public List<WorkloadResult> deploy(List<WorkloadTarget> targets, ImageReference image, Optional<RolloutWait> wait)
            throws InterruptedException {
        KubernetesDefinition kubernetes = ImageStreamsConfiguration.get().getKubernetes();
        if (kubernetes == null) {
            throw new IllegalStateException(Messages.ConfiguredDeployer_NotConfigured());
        }
        try (KubernetesClient client = kubernetes.toConnection().connect()) {
            return new KubernetesDeployer(new WorkloadUpdater(client)).deploy(targets, image, wait);
        }
    }
}
