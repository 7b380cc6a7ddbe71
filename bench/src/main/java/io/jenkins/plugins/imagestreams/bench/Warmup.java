package io.jenkins.plugins.imagestreams.bench;

import java.time.Duration;

/**
 * Runs a workload over and over before it is measured, as a long-running Jenkins controller has done long before:
 * the JDK's HTTP client is a lot of code, and at a few hundred requests a second its hot paths are still being
 * compiled half a minute in, the compiler taking a core of two away from the client and the registry.
 */
final class Warmup {
    private Warmup() {}

    /**
     * Runs {@code body} until {@code duration} has passed, at least once.
     *
     * @return how many times it ran
     */
    static int run(Duration duration, Timing.Body body) throws Exception {
        long end = System.nanoTime() + duration.toNanos();
        int times = 0;
        do {
            body.run();
            times++;
        } while (System.nanoTime() < end);
        return times;
    }
}
