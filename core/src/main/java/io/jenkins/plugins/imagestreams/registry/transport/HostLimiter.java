package io.jenkins.plugins.imagestreams.registry.transport;

import io.jenkins.plugins.imagestreams.registry.RegistryConfig;
import io.jenkins.plugins.imagestreams.time.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Semaphore;

/**
 * Limits one registry host: at most {@code maxConcurrent} requests in flight, requests started no closer than
 * {@code 1 / perSecond} apart, and none at all while the registry said {@code RateLimit-Remaining: 0}.
 */
final class HostLimiter {
    private final Semaphore inFlight;
    private final Duration interval;
    private final Clock clock;
    private final Sleeper sleeper;
    private Instant nextStart = Instant.MIN;
    private Instant pausedUntil = Instant.MIN;

    HostLimiter(RegistryConfig config, Clock clock, Sleeper sleeper) {
        this.inFlight = new Semaphore(config.maxConcurrentRequests(), true);
        this.interval = config.maxRequestsPerSecond() > 0
                ? Duration.ofNanos((long) (1_000_000_000L / config.maxRequestsPerSecond()))
                : Duration.ZERO;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Waits for a slot; the caller must {@link #release()} it. */
    void acquire() throws InterruptedException {
        inFlight.acquire();
        try {
            Duration wait = reserveStart();
            if (!wait.isZero() && !wait.isNegative()) {
                sleeper.sleep(wait);
            }
        } catch (InterruptedException | RuntimeException e) {
            inFlight.release();
            throw e;
        }
    }

    private synchronized Duration reserveStart() {
        Instant now = clock.instant();
        Instant start = max(now, max(nextStart, pausedUntil));
        nextStart = start.plus(interval);
        return Duration.between(now, start);
    }

    void release() {
        inFlight.release();
    }

    /** Starts no request before {@code now + pause}. */
    synchronized void pause(Duration pause) {
        pausedUntil = max(pausedUntil, clock.instant().plus(pause));
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
