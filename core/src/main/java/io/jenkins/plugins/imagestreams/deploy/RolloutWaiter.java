package io.jenkins.plugins.imagestreams.deploy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.jenkins.plugins.imagestreams.deploy.WorkloadResult.Outcome;
import io.jenkins.plugins.imagestreams.time.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Polls updated workloads until each has rolled out, failed, or the shared deadline passes. Only {@code UPDATED}
 * results are awaited; the others are returned as they are.
 */
final class RolloutWaiter {
    private final WorkloadApi api;
    private final Clock clock;
    private final Sleeper sleeper;

    RolloutWaiter(WorkloadApi api, Clock clock, Sleeper sleeper) {
        this.api = api;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /**
     * The results in the same order, each {@code UPDATED} one turned into {@code ROLLED_OUT}, {@code FAILED} or
     * {@code TIMED_OUT}.
     *
     * @throws InterruptedException if the wait is interrupted; the workloads keep their new image
     */
    List<WorkloadResult> awaitAll(List<WorkloadResult> results, RolloutWait wait) throws InterruptedException {
        Instant deadline = clock.instant().plus(wait.timeout());
        List<WorkloadResult> current = new ArrayList<>(results);
        while (true) {
            boolean pending = false;
            for (int i = 0; i < current.size(); i++) {
                WorkloadResult result = current.get(i);
                if (result.outcome() == Outcome.UPDATED) {
                    WorkloadResult checked = check(result);
                    current.set(i, checked);
                    pending |= checked.outcome() == Outcome.UPDATED;
                }
            }
            Duration left = Duration.between(clock.instant(), deadline);
            if (!pending) {
                return List.copyOf(current);
            }
            if (left.isNegative() || left.isZero()) {
                return current.stream().map(r -> timedOut(r, wait)).toList();
            }
            sleeper.sleep(left.compareTo(wait.pollInterval()) < 0 ? left : wait.pollInterval());
        }
    }

    private WorkloadResult check(WorkloadResult result) {
        HasMetadata workload;
        try {
            workload = api.get(result.kind(), result.namespace(), result.name());
        } catch (WorkloadException e) {
            return result.withOutcome(Outcome.FAILED, e.getMessage());
        }
        if (workload == null) {
            return result.withOutcome(Outcome.FAILED, "deleted while its rollout was awaited");
        }
        RolloutCheck.Status status = RolloutCheck.of(result.kind(), workload);
        return switch (status.state()) {
            case DONE -> result.withOutcome(Outcome.ROLLED_OUT, status.message());
            case FAILED -> result.withOutcome(Outcome.FAILED, status.message());
            case PROGRESSING -> result.withOutcome(Outcome.UPDATED, status.message());
        };
    }

    private static WorkloadResult timedOut(WorkloadResult result, RolloutWait wait) {
        return result.outcome() != Outcome.UPDATED
                ? result
                : result.withOutcome(
                        Outcome.TIMED_OUT,
                        "rollout not finished after " + wait.timeoutText() + ": " + result.message()
                                + "; the new image stays set (kubectl rollout status to follow it)");
    }
}
