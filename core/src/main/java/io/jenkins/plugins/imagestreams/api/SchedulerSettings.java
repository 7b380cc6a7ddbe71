package io.jenkins.plugins.imagestreams.api;

import java.time.Duration;
import java.util.Objects;

/**
 * How the {@link io.jenkins.plugins.imagestreams.importing.ImportScheduler} paces imports.
 *
 * @param interval time between two imports of a scheduled tag, at least {@link #MIN_INTERVAL}
 * @param jitter each interval is stretched or shrunk by a random fraction up to this (0 to 0.5), so tags scheduled
 *     together drift apart
 * @param firstRetry the backoff after a first failure; it doubles per further failure, capped at {@code interval}
 * @param importsPerMinutePerRegistry the rate limit per registry host (a token bucket)
 * @param burstPerRegistry how many imports a registry may get at once before the rate applies
 * @param maxConcurrent imports running at the same time over all registries
 */
public record SchedulerSettings(
        Duration interval,
        double jitter,
        Duration firstRetry,
        int importsPerMinutePerRegistry,
        int burstPerRegistry,
        int maxConcurrent) {
    public static final Duration MIN_INTERVAL = Duration.ofSeconds(10);
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(5);

    /** 5 minutes ±10%, first retry after 10 s, 60 imports a minute per registry with bursts of 10, 4 at a time. */
    public static final SchedulerSettings DEFAULT =
            new SchedulerSettings(DEFAULT_INTERVAL, 0.1, Duration.ofSeconds(10), 60, 10, 4);

    /** @throws IllegalArgumentException naming the setting that is out of range */
    public SchedulerSettings {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(firstRetry, "firstRetry");
        if (interval.compareTo(MIN_INTERVAL) < 0) {
            throw new IllegalArgumentException(
                    "import interval " + interval + " is too short; the minimum is " + MIN_INTERVAL.toSeconds() + " s");
        }
        if (!(jitter >= 0 && jitter <= 0.5)) {
            throw new IllegalArgumentException("jitter " + jitter + " must be between 0 and 0.5");
        }
        if (firstRetry.isNegative() || firstRetry.isZero()) {
            throw new IllegalArgumentException("first retry delay must be positive, was " + firstRetry);
        }
        if (importsPerMinutePerRegistry < 1 || burstPerRegistry < 1 || maxConcurrent < 1) {
            throw new IllegalArgumentException("rate, burst and concurrency must be at least 1, were "
                    + importsPerMinutePerRegistry + ", " + burstPerRegistry + ", " + maxConcurrent);
        }
    }

    public SchedulerSettings withInterval(Duration value) {
        return new SchedulerSettings(
                value, jitter, firstRetry, importsPerMinutePerRegistry, burstPerRegistry, maxConcurrent);
    }

    public SchedulerSettings withJitter(double value) {
        return new SchedulerSettings(
                interval, value, firstRetry, importsPerMinutePerRegistry, burstPerRegistry, maxConcurrent);
    }

    public SchedulerSettings withRateLimit(int perMinute, int burst) {
        return new SchedulerSettings(interval, jitter, firstRetry, perMinute, burst, maxConcurrent);
    }

    public SchedulerSettings withMaxConcurrent(int value) {
        return new SchedulerSettings(
                interval, jitter, firstRetry, importsPerMinutePerRegistry, burstPerRegistry, value);
    }
}
