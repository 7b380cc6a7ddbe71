package io.jenkins.plugins.imagestreams.registry;

import java.time.Duration;

/** Waits between retries and for rate limits; tests pass one that records instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
    Sleeper THREAD = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
