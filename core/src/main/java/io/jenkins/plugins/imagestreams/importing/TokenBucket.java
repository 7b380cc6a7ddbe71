package io.jenkins.plugins.imagestreams.importing;

import java.time.Duration;
import java.time.Instant;

/** A token bucket on a caller-supplied clock: {@code perMinute} tokens a minute, at most {@code burst} saved up. */
final class TokenBucket {
    private final double perNano;
    private final int burst;
    private double tokens;
    private Instant last;

    TokenBucket(int perMinute, int burst, Instant now) {
        this.perNano = perMinute / 60e9;
        this.burst = burst;
        this.tokens = burst;
        this.last = now;
    }

    boolean tryTake(Instant now) {
        refill(now);
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** How long until a token is available; zero if one is. */
    Duration untilNext(Instant now) {
        refill(now);
        return tokens >= 1 ? Duration.ZERO : Duration.ofNanos((long) Math.ceil((1 - tokens) / perNano));
    }

    private void refill(Instant now) {
        if (now.isAfter(last)) {
            tokens = Math.min(burst, tokens + Duration.between(last, now).toNanos() * perNano);
            last = now;
        }
    }
}
