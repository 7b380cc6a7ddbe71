package io.jenkins.plugins.imagestreams.time;

import java.time.Duration;

/**
 * Waits: between registry retries, for a registry's rate limit, before a manifest put is tried again, between rollout
 * polls. Tests pass one that records the waits or moves a fake clock instead of sleeping.
 */
@FunctionalInterface
public interface Sleeper {
    /** Pauses for {@code duration}, or less when interrupted. */
    void sleep(Duration duration) throws InterruptedException;

    /** {@link Thread#sleep(long)}. */
    static Sleeper threadSleep() {
        return duration -> Thread.sleep(duration.toMillis());
    }
}
