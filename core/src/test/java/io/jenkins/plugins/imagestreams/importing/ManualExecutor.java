package io.jenkins.plugins.imagestreams.importing;

import io.jenkins.plugins.imagestreams.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A single-threaded executor on a {@link ManualClock}: tasks run only inside {@link #runUntilIdle()} and
 * {@link #advance(Duration)}, in time order, on the test's thread.
 */
final class ManualExecutor extends AbstractExecutorService implements ScheduledExecutorService {
    private final ManualClock clock;
    private final Deque<Runnable> ready = new ArrayDeque<>();
    private final List<Timed> timed = new ArrayList<>();
    private long sequence;
    private boolean shutdown;

    ManualExecutor(ManualClock clock) {
        this.clock = clock;
    }

    /** Runs every task that is due now, including ones they submit. */
    void runUntilIdle() {
        while (true) {
            Runnable next = ready.pollFirst();
            if (next == null) {
                Timed due = timed.stream()
                        .filter(t -> !t.at.isAfter(clock.instant()))
                        .min(Comparator.comparing((Timed t) -> t.at).thenComparingLong(t -> t.seq))
                        .orElse(null);
                if (due == null) {
                    return;
                }
                timed.remove(due);
                next = due::run;
            }
            next.run();
        }
    }

    /** Moves the clock forward by {@code d}, stopping at each scheduled task on the way to run it. */
    void advance(Duration d) {
        Instant end = clock.instant().plus(d);
        runUntilIdle();
        while (true) {
            Instant next = timed.stream()
                    .map(t -> t.at)
                    .filter(at -> !at.isAfter(end))
                    .min(Comparator.naturalOrder())
                    .orElse(null);
            if (next == null) {
                break;
            }
            if (next.isAfter(clock.instant())) {
                clock.set(next);
            }
            runUntilIdle();
        }
        clock.set(end);
        runUntilIdle();
    }

    int scheduledCount() {
        return timed.size();
    }

    @Override
    public void execute(Runnable command) {
        ready.addLast(command);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        Timed t = new Timed(clock.instant().plusNanos(unit.toNanos(delay)), sequence++, command);
        timed.add(t);
        return t;
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void shutdown() {
        shutdown = true;
    }

    @Override
    public List<Runnable> shutdownNow() {
        shutdown = true;
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        return shutdown;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return true;
    }

    private final class Timed implements ScheduledFuture<Object> {
        final Instant at;
        final long seq;
        final Runnable task;
        boolean done;
        boolean cancelled;

        Timed(Instant at, long seq, Runnable task) {
            this.at = at;
            this.seq = seq;
            this.task = task;
        }

        void run() {
            task.run();
            done = true;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(Duration.between(clock.instant(), at).toNanos(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed o) {
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), o.getDelay(TimeUnit.NANOSECONDS));
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            cancelled = timed.remove(this);
            return cancelled;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean isDone() {
            return done || cancelled;
        }

        @Override
        public Object get() {
            return null;
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            return null;
        }
    }
}
