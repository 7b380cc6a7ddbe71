package io.jenkins.plugins.imagestreams.workload;

import java.time.Duration;
import java.util.Objects;

/**
 * How long to wait for updated workloads to roll out, and how often to look.
 *
 * @param timeout the whole wait, shared by every workload of one update
 * @param pollInterval the pause between two reads of each workload's status
 */
public record RolloutWait(Duration timeout, Duration pollInterval) {
    public RolloutWait {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(pollInterval, "pollInterval");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("rollout timeout must not be negative: " + timeout);
        }
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("rollout poll interval must be positive: " + pollInterval);
        }
    }

    /** A wait of {@code timeout}, looking every two seconds. */
    public static RolloutWait of(Duration timeout) {
        return new RolloutWait(timeout, Duration.ofSeconds(2));
    }

    /** The timeout as people read it: {@code 300ms}, {@code 90s}. */
    public String timeoutText() {
        return timeout.toMillis() < 1000 || timeout.toMillis() % 1000 != 0
                ? timeout.toMillis() + "ms"
                : timeout.toSeconds() + "s";
    }
}
