package io.jenkins.plugins.imagestreams.jenkins;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Waits for something asynchronous (the import pool, a registry notification) to show, looking every 100 ms. */
final class Await {
    private Await() {}

    static void until(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out after 60 s waiting until " + what);
            }
            Thread.sleep(100);
        }
    }
}
