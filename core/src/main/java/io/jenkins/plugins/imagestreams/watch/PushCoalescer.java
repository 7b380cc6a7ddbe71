package io.jenkins.plugins.imagestreams.watch;

import io.jenkins.plugins.imagestreams.importing.ScheduledTag;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Turns a burst of requests for one stream tag into one: the first request for a tag opens a window of {@code
 * window}, later ones within it join it, and when it closes the tag is requested once. With the scheduler's rule of
 * one import per tag in flight (a request during an import re-runs it once after), a burst spanning one window and
 * one import causes at most two imports.
 */
final class PushCoalescer {
    private final Duration window;
    private final ScheduledExecutorService executor;
    private final Consumer<ScheduledTag> request;
    private final Map<String, ScheduledFuture<?>> pending = new HashMap<>();
    private boolean closed;

    PushCoalescer(Duration window, ScheduledExecutorService executor, Consumer<ScheduledTag> request) {
        this.window = window;
        this.executor = executor;
        this.request = request;
    }

    /** Requests {@code tag} when its window closes; a no-op if a window is open for it or after {@link #close}. */
    synchronized void request(ScheduledTag tag) {
        if (closed || pending.containsKey(tag.key())) {
            return;
        }
        try {
            pending.put(tag.key(), executor.schedule(() -> fire(tag), window.toNanos(), TimeUnit.NANOSECONDS));
        } catch (RejectedExecutionException e) {
            // the executor is shutting down: the next start imports every scheduled tag at once
        }
    }

    private void fire(ScheduledTag tag) {
        synchronized (this) {
            if (pending.remove(tag.key()) == null || closed) {
                return;
            }
        }
        request.accept(tag);
    }

    /** Drops the open windows; their tags are imported by the next scheduled pass or the next start. */
    synchronized void close() {
        closed = true;
        pending.values().forEach(f -> f.cancel(false));
        pending.clear();
    }
}
