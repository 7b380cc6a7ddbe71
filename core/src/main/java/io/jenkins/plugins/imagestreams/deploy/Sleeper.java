package io.jenkins.plugins.imagestreams.deploy;

import java.time.Duration;

/** Pauses the rollout wait between polls; tests pass one that moves a fake clock instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
    /** Pauses for {@code duration}, or less when interrupted. */
    void sleep(Duration duration) throws InterruptedException;

    /** {@link Thread#sleep(long)}. */
    static Sleeper threadSleep() {
        return duration -> Thread.sleep(duration.toMillis());
    }
}
