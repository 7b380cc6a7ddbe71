package io.jenkins.plugins.imagestreams.watch;

import io.jenkins.plugins.imagestreams.api.ScheduledTag;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Turns a burst of requests for one stream tag into one: a tag is requested once no further request for it came for
 * {@code quiet}, or {@code 10 × quiet} after the first request of the burst at the latest. With the scheduler's rule
 * of one import per tag in flight (a request during an import re-runs it once after), a burst of notifications no
 * further apart than {@code quiet} causes at most two imports.
 */
final class PushCoalescer {
    static final int MAX_WAIT_FACTOR = 10;

    private final Duration quiet;
    private final Duration maxWait;
    private final Clock clock;
    private final ScheduledExecutorService executor;
    private final Consumer<ScheduledTag> request;
    private final Map<String, Burst> bursts = new HashMap<>();
    private boolean closed;

    private static final class Burst {
        final Instant first;
        Instant last;
        ScheduledFuture<?> timer;

        Burst(Instant now) {
            first = now;
            last = now;
        }
    }

    PushCoalescer(Duration quiet, Clock clock, ScheduledExecutorService executor, Consumer<ScheduledTag> request) {
        this.quiet = quiet;
        this.maxWait = quiet.multipliedBy(MAX_WAIT_FACTOR);
        this.clock = clock;
        this.executor = executor;
        this.request = request;
    }

    /** Requests {@code tag} when its burst is over; nothing after {@link #close}. */
    synchronized void request(ScheduledTag tag) {
        if (closed) {
            return;
        }
        Instant now = clock.instant();
        Burst burst = bursts.get(tag.key());
        if (burst != null) {
            burst.last = now;
            return;
        }
        burst = new Burst(now);
        bursts.put(tag.key(), burst);
        arm(tag, burst, quiet);
    }

    private void arm(ScheduledTag tag, Burst burst, Duration delay) {
        try {
            burst.timer = executor.schedule(() -> fire(tag), delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // the executor is shutting down: the next start imports every scheduled tag at once
            bursts.remove(tag.key());
        }
    }

    private void fire(ScheduledTag tag) {
        synchronized (this) {
            Burst burst = bursts.get(tag.key());
            if (burst == null || closed) {
                return;
            }
            Instant now = clock.instant();
            Instant quietAt = burst.last.plus(quiet);
            if (now.isBefore(quietAt) && now.isBefore(burst.first.plus(maxWait))) {
                Instant until = quietAt.isBefore(burst.first.plus(maxWait)) ? quietAt : burst.first.plus(maxWait);
                arm(tag, burst, Duration.between(now, until));
                return;
            }
            bursts.remove(tag.key());
        }
        request.accept(tag);
    }

    /** Drops the open bursts; their tags are imported by the next scheduled pass or the next start. */
    synchronized void close() {
        closed = true;
        bursts.values().forEach(b -> {
            if (b.timer != null) {
                b.timer.cancel(false);
            }
        });
        bursts.clear();
    }
}
