package io.jenkins.plugins.imagestreams.workload;

import io.jenkins.plugins.imagestreams.check.Require;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What happened to one workload.
 *
 * @param image the pinned image the workload was asked to run
 * @param containersChanged the containers whose image was written, init containers first; empty when unchanged
 * @param previousImages the image each chosen container had before, by container name, in the same order
 * @param message what to read next: why it failed, what the rollout is waiting for; empty when there is nothing to add
 */
public record WorkloadResult(
        WorkloadKind kind,
        String namespace,
        String name,
        String image,
        List<String> containersChanged,
        Map<String, String> previousImages,
        Outcome outcome,
        String message) {

    /** The state a workload ended in. */
    public enum Outcome {
        /** The image was written; the rollout was not awaited. */
        UPDATED,
        /** Every chosen container already ran the image; nothing was written. */
        UNCHANGED,
        /** The image was written and the rollout finished (for a CronJob: at once, it has no rollout). */
        ROLLED_OUT,
        /** The image was written but the rollout had not finished when the wait ended. */
        TIMED_OUT,
        /** The patch was refused, or the rollout reported that it cannot progress. */
        FAILED
    }

    public WorkloadResult {
        Require.nonNull("kind, namespace, name, image, outcome", kind, namespace, name, image, outcome);
        containersChanged = List.copyOf(containersChanged);
        previousImages = Collections.unmodifiableMap(new LinkedHashMap<>(previousImages));
        message = message == null ? "" : message;
    }

    /** This result with another outcome and message, as the rollout wait reports it. */
    public WorkloadResult withOutcome(Outcome newOutcome, String newMessage) {
        return new WorkloadResult(
                kind, namespace, name, image, containersChanged, previousImages, newOutcome, newMessage);
    }

    /** Whether the workload needs no attention: unchanged, updated, or rolled out. */
    public boolean isSuccess() {
        return outcome != Outcome.FAILED && outcome != Outcome.TIMED_OUT;
    }

    /** One line for logs: {@code Deployment app-prod/web: ROLLED_OUT (web, sidecar) ...}. */
    public String summary() {
        return kind + " " + namespace + "/" + name + ": " + outcome
                + (containersChanged.isEmpty() ? "" : " " + containersChanged)
                + (message.isEmpty() ? "" : " - " + message);
    }
}
