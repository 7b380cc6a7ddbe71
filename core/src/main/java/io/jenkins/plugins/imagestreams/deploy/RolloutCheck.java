package io.jenkins.plugins.imagestreams.deploy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.jenkins.plugins.imagestreams.workload.WorkloadKind;
import java.util.Objects;

/**
 * Reads from a workload's status whether its rollout is done, the way {@code kubectl rollout status} does: the
 * controller has observed the current generation, and the updated and available (StatefulSets: ready) replicas reach
 * the desired count. CronJobs and {@code OnDelete} update strategies have no rollout to wait for.
 */
final class RolloutCheck {
    /** DONE, still PROGRESSING (the message says on what), or FAILED (the controller gave up). */
    enum State {
        DONE,
        PROGRESSING,
        FAILED
    }

    record Status(State state, String message) {}

    private RolloutCheck() {}

    static Status of(WorkloadKind kind, HasMetadata workload) {
        return switch (kind) {
            case DEPLOYMENT -> deployment((Deployment) workload);
            case STATEFULSET -> statefulSet((StatefulSet) workload);
            case DAEMONSET -> daemonSet((DaemonSet) workload);
            case CRONJOB -> done("a CronJob has no rollout; its next Job runs the new image");
        };
    }

    private static Status deployment(Deployment d) {
        DeploymentStatus s = d.getStatus();
        Status observed = observed(d, s == null ? null : s.getObservedGeneration());
        if (observed != null) {
            return observed;
        }
        if (s.getConditions() != null) {
            for (var condition : s.getConditions()) {
                if ("Progressing".equals(condition.getType())
                        && "ProgressDeadlineExceeded".equals(condition.getReason())) {
                    return new Status(State.FAILED, "progress deadline exceeded: " + condition.getMessage());
                }
            }
        }
        int desired = orOne(d.getSpec().getReplicas());
        int updated = orZero(s.getUpdatedReplicas());
        if (updated < desired) {
            return progressing(updated + " of " + desired + " replicas updated");
        }
        if (orZero(s.getReplicas()) > updated) {
            return progressing((orZero(s.getReplicas()) - updated) + " old replicas pending termination");
        }
        int available = orZero(s.getAvailableReplicas());
        return available < desired
                ? progressing(available + " of " + desired + " updated replicas available")
                : done(desired + " replicas updated and available");
    }

    private static Status statefulSet(StatefulSet set) {
        var strategy = set.getSpec().getUpdateStrategy();
        if (strategy != null && "OnDelete".equals(strategy.getType())) {
            return done("updateStrategy OnDelete: pods take the new image only when deleted");
        }
        StatefulSetStatus s = set.getStatus();
        Status observed = observed(set, s == null ? null : s.getObservedGeneration());
        if (observed != null) {
            return observed;
        }
        int desired = orOne(set.getSpec().getReplicas());
        int partition = strategy == null || strategy.getRollingUpdate() == null
                ? 0
                : orZero(strategy.getRollingUpdate().getPartition());
        int toUpdate = Math.max(0, desired - partition);
        int updated = orZero(s.getUpdatedReplicas());
        if (updated < toUpdate) {
            return progressing(updated + " of " + toUpdate + " replicas updated");
        }
        int ready = orZero(s.getReadyReplicas());
        if (ready < desired) {
            return progressing(ready + " of " + desired + " replicas ready");
        }
        if (partition == 0
                && s.getUpdateRevision() != null
                && s.getCurrentRevision() != null
                && !Objects.equals(s.getUpdateRevision(), s.getCurrentRevision())) {
            return progressing("current revision " + s.getCurrentRevision() + " not yet " + s.getUpdateRevision());
        }
        return done(desired + " replicas updated and ready");
    }

    private static Status daemonSet(DaemonSet set) {
        var strategy = set.getSpec().getUpdateStrategy();
        if (strategy != null && "OnDelete".equals(strategy.getType())) {
            return done("updateStrategy OnDelete: pods take the new image only when deleted");
        }
        DaemonSetStatus s = set.getStatus();
        Status observed = observed(set, s == null ? null : s.getObservedGeneration());
        if (observed != null) {
            return observed;
        }
        int desired = orZero(s.getDesiredNumberScheduled());
        int updated = orZero(s.getUpdatedNumberScheduled());
        if (updated < desired) {
            return progressing(updated + " of " + desired + " scheduled pods updated");
        }
        int available = orZero(s.getNumberAvailable());
        return available < desired
                ? progressing(available + " of " + desired + " updated pods available")
                : done(desired + " scheduled pods updated and available");
    }

    /** PROGRESSING while the controller has not seen the workload's current generation, else null. */
    private static Status observed(HasMetadata workload, Long observedGeneration) {
        long generation = workload.getMetadata().getGeneration() == null
                ? 0
                : workload.getMetadata().getGeneration();
        long observed = observedGeneration == null ? -1 : observedGeneration;
        return observed < generation
                ? progressing("waiting for the controller to observe generation " + generation
                        + (observed < 0 ? "" : " (observed " + observed + ")"))
                : null;
    }

    private static Status done(String message) {
        return new Status(State.DONE, message);
    }

    private static Status progressing(String message) {
        return new Status(State.PROGRESSING, message);
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    private static int orOne(Integer value) {
        return value == null ? 1 : value;
    }
}
