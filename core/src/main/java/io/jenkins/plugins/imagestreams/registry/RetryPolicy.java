package io.jenkins.plugins.imagestreams.registry;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How often and how patiently retryable failures are retried: exponential backoff with full jitter, and the
 * registry's {@code Retry-After} honoured up to {@code maxRetryAfter}.
 *
 * @param maxAttempts attempts in total, including the first; {@code 1} disables retries
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {
    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
        }
        requirePositive(initialBackoff, "initialBackoff");
        requirePositive(maxBackoff, "maxBackoff");
        requirePositive(maxRetryAfter, "maxRetryAfter");
    }

    /** Four attempts, backoff from 200 ms up to 5 s, Retry-After honoured up to 60 s. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(4, Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofSeconds(60));
    }

    /** A single attempt. */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofMillis(1));
    }

    /**
     * The wait before attempt {@code attempt + 1} after {@code attempt} failed: the registry's Retry-After capped at
     * {@link #maxRetryAfter}, else a uniformly random time up to {@code min(maxBackoff, initialBackoff * 2^(attempt-1))}.
     */
    public Duration delayAfter(int attempt, RegistryException failure, RandomGenerator random) {
        if (failure.retryAfter().isPresent()) {
            Duration asked = failure.retryAfter().get();
            return asked.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : asked;
        }
        long ceiling = initialBackoff.toMillis() << Math.min(attempt - 1, 20);
        ceiling = Math.min(Math.max(ceiling, 1), maxBackoff.toMillis());
        return Duration.ofMillis(random.nextLong(ceiling + 1));
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + duration);
        }
    }
}
