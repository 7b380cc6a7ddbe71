package io.jenkins.plugins.imagestreams.jenkins.steps;

import io.jenkins.plugins.imagestreams.deploy.KubernetesConnection;
import io.jenkins.plugins.imagestreams.deploy.WorkloadTarget;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One promotion as the step asks for it, already parsed.
 *
 * @param requireFrom the stream tag whose history must hold the image, if gated
 * @param copyTo the repository to copy the image to (under the target tag), if any
 * @param kubernetes how to reach the cluster; empty when there is nothing to deploy
 * @param rolloutTimeout how long to wait for rollouts; empty not to wait
 */
record PromotionRequest(
        TagSource.ImageStreamTag source,
        TagSource.ImageStreamTag target,
        Optional<TagSource.ImageStreamTag> requireFrom,
        Optional<ImageReference> copyTo,
        List<WorkloadTarget> deploy,
        Optional<KubernetesConnection> kubernetes,
        Optional<Duration> rolloutTimeout,
        boolean dryRun,
        String cause) {
    PromotionRequest {
        deploy = List.copyOf(deploy);
    }
}
