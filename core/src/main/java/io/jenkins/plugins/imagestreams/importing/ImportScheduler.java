package io.jenkins.plugins.imagestreams.importing;

import io.jenkins.plugins.imagestreams.api.ImportResult;
import io.jenkins.plugins.imagestreams.api.ScheduledTag;
import io.jenkins.plugins.imagestreams.api.SchedulerSettings;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Imports scheduled tags periodically and requested tags at once, on a given clock and executor (nothing sleeps).
 *
 * <ul>
 *   <li>A newly scheduled tag is due at once; after each success it is due again after the interval, stretched or
 *       shrunk by a random jitter.
 *   <li>After a failure it is retried after {@code firstRetry}, doubling per further failure, capped at the interval
 *       (or after the registry's {@code Retry-After}, within the same cap). OpenShift never retries a failed import
 *       before the next period.
 *   <li>{@link #requestImport} (on demand, webhooks) puts a tag ahead of every due tag of its registry; a request for a
 *       tag being imported re-imports it right after, so a push during an import is not missed.
 *   <li>Registries take turns (round-robin per registry host), each limited by its own token bucket (a token a tag),
 *       and at most {@code maxConcurrent} imports run at once; at most one import per tag is ever in flight.
 *   <li>Tags of one stream that are ready together (every tag of a new pass; requested one after the other) are
 *       imported together, up to {@value #TOGETHER}: one read of the stream, the registry asked about one tag after
 *       the other, at most one save. Tags that succeeded together are due again together.
 * </ul>
 */
public final class ImportScheduler implements AutoCloseable {
    /** How many imports a thread runs one after the other before it hands the next to the executor. */
    static final int IN_A_ROW = 8;

    /**
     * How many tags of one stream, due or requested together, one import takes at most: the importer reads the stream
     * once for them all, where it read it once a tag. A pass over 10,000 tags, 10 a stream, that found nothing changed
     * used 1.09 to 1.51 CPU-seconds so, 0.94 to 1.27 now (the client's bare requests: 0.66 to 1.13).
     */
    static final int TOGETHER = 16;

    private final TagImporter importer;
    private final SchedulerSettings settings;
    private final Clock clock;
    private final ScheduledExecutorService executor;
    private final Random random;
    private final Leadership leadership;

    private final Map<String, Entry> entries = new HashMap<>();
    /** Per registry, the entries that may start (not in flight; requested or scheduled), next first. */
    private final Map<String, NavigableSet<Entry>> queues = new HashMap<>();

    private final Map<String, TokenBucket> buckets = new HashMap<>();
    private final Deque<String> registries = new ArrayDeque<>();
    private int running;
    private long requests;
    private ScheduledFuture<?> wakeUp;
    private Instant wakeUpAt;
    private boolean closed;

    /** One tag's scheduling state, for status pages. */
    public record TagState(
            ScheduledTag tag, boolean scheduled, Instant due, int failures, boolean inFlight, boolean requested) {}

    private static final Comparator<Entry> NEXT_FIRST = Comparator.comparing((Entry e) -> !e.requested())
            .thenComparingLong(e -> e.requestedAt)
            .thenComparing(e -> e.due)
            .thenComparing(e -> e.key);

    private static final class Entry {
        ScheduledTag tag;
        /**
         * The tag's key, which orders entries due at the same instant (every tag of a new pass): kept rather than built
         * twice at each comparison, some 17 comparisons a change of a queue of 100,000 (30,000 tags through the
         * scheduler alone took 1.6 s so, 0.87 s now).
         */
        String key;

        boolean scheduled;
        Instant due;
        int failures;
        boolean inFlight;
        long requestedAt = -1;
        boolean rerun;

        boolean requested() {
            return requestedAt >= 0;
        }
    }

    /**
     * @param random the jitter's source; pass a seeded one for reproducible schedules
     */
    public ImportScheduler(
            TagImporter importer,
            SchedulerSettings settings,
            Clock clock,
            ScheduledExecutorService executor,
            Random random) {
        this(importer, settings, clock, executor, random, Leadership.ALONE);
    }

    /**
     * @param leadership whether scheduled imports run now: while it says no, only requested imports run, and the
     *     scheduled ones wait, due, until {@link #leadershipChanged()} after it says yes
     */
    public ImportScheduler(
            TagImporter importer,
            SchedulerSettings settings,
            Clock clock,
            ScheduledExecutorService executor,
            Random random,
            Leadership leadership) {
        this.leadership = Objects.requireNonNull(leadership, "leadership");
        this.importer = Objects.requireNonNull(importer, "importer");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** Looks at the scheduled imports again: call when the {@link Leadership} has changed. */
    public synchronized void leadershipChanged() {
        dispatch();
    }

    /** Imports {@code tag} periodically from now on; a tag scheduled already keeps its timing. */
    public synchronized void schedule(ScheduledTag tag) {
        add(tag);
        dispatch();
    }

    /** Schedules exactly {@code tags}: new ones are added, missing ones dropped, the others keep their timing. */
    public synchronized void scheduleOnly(Collection<ScheduledTag> tags) {
        scheduleOnly(tag -> true, tags);
    }

    /**
     * Schedules exactly {@code tags} of {@code stream}: its new ones are added, its missing ones dropped, the others
     * keep their timing; other streams' tags stay as they are.
     *
     * @throws IllegalArgumentException if one of {@code tags} is of another stream
     */
    public synchronized void scheduleOnly(StreamName stream, Collection<ScheduledTag> tags) {
        for (ScheduledTag tag : tags) {
            if (!tag.stream().equals(stream)) {
                throw new IllegalArgumentException(tag.key() + " is not a tag of stream " + stream);
            }
        }
        scheduleOnly(tag -> tag.stream().equals(stream), tags);
    }

    private void scheduleOnly(Predicate<ScheduledTag> within, Collection<ScheduledTag> tags) {
        Set<String> keep = new HashSet<>();
        tags.forEach(t -> keep.add(t.key()));
        entries.values().removeIf(e -> {
            boolean drop = e.scheduled && within.test(e.tag) && !keep.contains(e.tag.key());
            if (drop) {
                unqueue(e);
            }
            return drop;
        });
        tags.forEach(this::add);
        dispatch();
    }

    private void add(ScheduledTag tag) {
        registry(tag.registry());
        Entry entry = entries.get(tag.key());
        if (entry == null) {
            entry = new Entry();
            entry.due = clock.instant();
            entries.put(tag.key(), entry);
        } else {
            unqueue(entry);
        }
        entry.tag = tag;
        entry.key = tag.key();
        entry.scheduled = true;
        requeue(entry);
    }

    /** Stops periodic imports of the tag; a running import finishes, a pending request is dropped. */
    public synchronized void unschedule(StreamName stream, String tag) {
        Entry entry = entries.remove(stream + ":" + tag);
        if (entry != null) {
            unqueue(entry);
        }
    }

    /** Imports {@code tag} as soon as its registry allows, ahead of scheduled imports; scheduled or not. */
    public synchronized void requestImport(ScheduledTag tag) {
        registry(tag.registry());
        Entry entry = entries.computeIfAbsent(tag.key(), k -> {
            Entry e = new Entry();
            e.tag = tag;
            e.key = k;
            e.due = clock.instant();
            return e;
        });
        if (entry.inFlight) {
            entry.rerun = true;
        } else if (!entry.requested()) {
            unqueue(entry);
            entry.requestedAt = requests++;
            requeue(entry);
        }
        dispatch();
    }

    /** The state of every known tag, by stream and tag. */
    public synchronized List<TagState> states() {
        return entries.values().stream()
                .map(e -> new TagState(e.tag, e.scheduled, e.due, e.failures, e.inFlight, e.requested() || e.rerun))
                .sorted(Comparator.comparing(s -> s.tag().key()))
                .toList();
    }

    /** Stops starting imports; running ones finish. */
    @Override
    public synchronized void close() {
        closed = true;
        if (wakeUp != null) {
            wakeUp.cancel(false);
        }
    }

    private void registry(String host) {
        if (!buckets.containsKey(host)) {
            buckets.put(
                    host,
                    new TokenBucket(
                            settings.importsPerMinutePerRegistry(), settings.burstPerRegistry(), clock.instant()));
            registries.addLast(host);
            queues.put(host, new TreeSet<>(NEXT_FIRST));
        }
    }

    /** Takes {@code entry} out of its registry's queue; call before changing what the queue orders by. */
    private void unqueue(Entry entry) {
        queues.get(entry.tag.registry()).remove(entry);
    }

    /** Puts {@code entry} back into its registry's queue if it may start. */
    private void requeue(Entry entry) {
        if (!entry.inFlight && (entry.requested() || entry.scheduled)) {
            queues.get(entry.tag.registry()).add(entry);
        }
    }

    private synchronized void wake() {
        wakeUp = null;
        dispatch();
    }

    private synchronized void dispatch() {
        dispatch(false);
    }

    /**
     * Starts what may start now, on the executor; with {@code takeOne}, the first of them is left to the caller, which
     * runs it itself (see {@link #run}). Called with the lock held.
     *
     * @return the tags the caller is to import now, or null
     */
    private List<ScheduledTag> dispatch(boolean takeOne) {
        if (closed) {
            return null;
        }
        Instant now = clock.instant();
        List<ScheduledTag> taken = null;
        boolean started = true;
        while (started && running < settings.maxConcurrent()) {
            started = false;
            for (String registry : List.copyOf(registries)) {
                if (running >= settings.maxConcurrent()) {
                    break;
                }
                Optional<Entry> next = nextReady(registry, now);
                if (next.isPresent() && buckets.get(registry).tryTake(now)) {
                    registries.remove(registry);
                    registries.addLast(registry);
                    List<ScheduledTag> tags = claimTogether(registry, next.get(), now);
                    if (takeOne && taken == null) {
                        taken = tags;
                    } else {
                        start(tags);
                    }
                    started = true;
                }
            }
        }
        planWakeUp(now);
        return taken;
    }

    /** The queue's first entry if it may start now: requested ones come first, then the earliest due. */
    private Optional<Entry> nextReady(String registry, Instant now) {
        NavigableSet<Entry> queue = queues.get(registry);
        if (queue.isEmpty()) {
            return Optional.empty();
        }
        Entry first = queue.first();
        return first.requested() || (!first.due.isAfter(now) && leadership.leading())
                ? Optional.of(first)
                : Optional.empty();
    }

    /**
     * Claims {@code first}, which may start now and has its registry's token, and after it the entries that follow it
     * in its registry's queue while they are of its stream, ready as it is (both requested, or both scheduled and due)
     * and let through by the registry's bucket, up to {@value #TOGETHER}: one import, counted among the running ones.
     *
     * @return the claimed tags, to import
     */
    private List<ScheduledTag> claimTogether(String registry, Entry first, Instant now) {
        boolean requested = first.requested();
        List<ScheduledTag> tags = new ArrayList<>();
        tags.add(claim(first));
        NavigableSet<Entry> queue = queues.get(registry);
        while (tags.size() < TOGETHER && !queue.isEmpty()) {
            Entry next = queue.first();
            boolean together = next.tag.stream().equals(first.tag.stream())
                    && next.requested() == requested
                    && (next.requested() || !next.due.isAfter(now));
            if (!together || !buckets.get(registry).tryTake(now)) {
                break;
            }
            tags.add(claim(next));
        }
        running++;
        return tags;
    }

    /** Marks {@code entry} as in flight; its tag, to import. */
    private ScheduledTag claim(Entry entry) {
        unqueue(entry);
        entry.inFlight = true;
        entry.requestedAt = -1;
        return entry.tag;
    }

    private void start(List<ScheduledTag> tags) {
        try {
            executor.execute(() -> run(tags));
        } catch (RejectedExecutionException e) {
            running--;
            for (ScheduledTag tag : tags) {
                Entry entry = entries.get(tag.key());
                entry.inFlight = false;
                requeue(entry);
            }
            closed = true;
        }
    }

    /**
     * Imports {@code first}, then, when one may start as it ends, the next on the same thread, up to {@value
     * #IN_A_ROW} in a row: handing each import to another thread woke a sleeping one through the kernel, and a pass of
     * 10,000 tags that found nothing changed used 1.9 to 2.2 times the CPU of the registry client's bare requests with
     * those hand-offs, 1.3 to 1.8 times without. After {@value #IN_A_ROW} the next import goes through the executor,
     * behind whatever else waits there (a notification's exchange, a timer), which so waits for no more than that many
     * imports of a thread. An interrupted thread, or one of an executor shut down, takes no more: the next import goes
     * to the executor, which refuses it.
     */
    private void run(List<ScheduledTag> first) {
        List<ScheduledTag> tags = first;
        for (int inARow = 1; tags != null; inARow++) {
            Map<String, ImportResult> results = importTogether(tags);
            boolean takeNext = inARow < IN_A_ROW && !Thread.currentThread().isInterrupted() && !executor.isShutdown();
            tags = finished(tags, results, takeNext);
        }
    }

    /**
     * Imports {@code tags}, all of one stream, together; when that throws, each alone, so that a tag that cannot be
     * imported fails alone.
     *
     * @return the outcome of each tag whose import returned one; a tag missing failed
     */
    private Map<String, ImportResult> importTogether(List<ScheduledTag> tags) {
        StreamName stream = tags.get(0).stream();
        List<String> names = tags.stream().map(ScheduledTag::tag).toList();
        try {
            return importer.importTags(stream, names);
        } catch (RuntimeException e) {
            return names.size() == 1 ? Map.of() : eachAlone(stream, names);
        }
    }

    /** Imports each of {@code tags} on its own; a tag whose import throws is left out, as failed. */
    private Map<String, ImportResult> eachAlone(StreamName stream, List<String> tags) {
        Map<String, ImportResult> results = new HashMap<>();
        for (String tag : tags) {
            try {
                results.put(tag, importer.importTag(stream, tag));
            } catch (RuntimeException e) {
                // a failure, as the tag's missing result says
            }
        }
        return results;
    }

    /**
     * Records how the import of {@code tags} ended, the tags that succeeded due again at the same time; the tags the
     * caller is to import next when it may take some.
     */
    private synchronized List<ScheduledTag> finished(
            List<ScheduledTag> tags, Map<String, ImportResult> results, boolean takeOne) {
        running--;
        Instant now = clock.instant();
        Duration again = null;
        for (ScheduledTag tag : tags) {
            Entry entry = entries.get(tag.key());
            if (entry == null || !entry.inFlight) {
                continue;
            }
            entry.inFlight = false;
            ImportResult result = results.get(tag.tag());
            if (result == null || result instanceof ImportResult.Failed) {
                entry.failures++;
                Optional<Duration> hint = result instanceof ImportResult.Failed f ? f.retryAfter() : Optional.empty();
                entry.due = now.plus(retryDelay(entry.failures, hint));
            } else {
                entry.failures = 0;
                again = again == null ? jittered() : again;
                entry.due = now.plus(again);
            }
            if (entry.rerun) {
                entry.rerun = false;
                entry.requestedAt = requests++;
            } else if (!entry.scheduled) {
                entries.remove(tag.key());
            }
            requeue(entry);
        }
        return dispatch(takeOne);
    }

    Duration retryDelay(int failures, Optional<Duration> retryAfter) {
        Duration interval = settings.interval();
        Duration backoff =
                failures > 30 ? interval : settings.firstRetry().multipliedBy(1L << Math.min(failures - 1, 30));
        Duration delay = retryAfter.filter(r -> r.compareTo(backoff) > 0).orElse(backoff);
        return delay.compareTo(interval) > 0 ? interval : delay;
    }

    private Duration jittered() {
        double factor = 1 + settings.jitter() * (2 * random.nextDouble() - 1);
        return Duration.ofNanos((long) (settings.interval().toNanos() * factor));
    }

    private void planWakeUp(Instant now) {
        Instant next = null;
        for (Map.Entry<String, NavigableSet<Entry>> queue : queues.entrySet()) {
            if (queue.getValue().isEmpty()) {
                continue;
            }
            Entry e = queue.getValue().first();
            if (!e.requested() && !leadership.leading()) {
                continue;
            }
            Instant ready = e.requested() || !e.due.isAfter(now) ? now : e.due;
            if (!ready.isAfter(now)) {
                if (running >= settings.maxConcurrent()) {
                    continue;
                }
                ready = now.plus(buckets.get(queue.getKey()).untilNext(now));
            }
            next = next == null || ready.isBefore(next) ? ready : next;
        }
        if (next == null || (wakeUp != null && !wakeUp.isDone() && !next.isBefore(wakeUpAt))) {
            return;
        }
        if (wakeUp != null) {
            wakeUp.cancel(false);
        }
        wakeUpAt = next;
        long delay = Math.max(0, Duration.between(now, next).toNanos());
        try {
            wakeUp = executor.schedule(this::wake, delay, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            closed = true;
        }
    }
}
