package io.jenkins.plugins.imagestreams.watch;

import io.jenkins.plugins.imagestreams.api.ScheduledTag;
import io.jenkins.plugins.imagestreams.events.AliasFollower;
import io.jenkins.plugins.imagestreams.events.DeliveryObserver;
import io.jenkins.plugins.imagestreams.events.EventDispatcher;
import io.jenkins.plugins.imagestreams.importing.ImportScheduler;
import io.jenkins.plugins.imagestreams.importing.Importer;
import io.jenkins.plugins.imagestreams.importing.Leadership;
import io.jenkins.plugins.imagestreams.notify.NotificationHandler;
import io.jenkins.plugins.imagestreams.notify.NotificationReceiver;
import io.jenkins.plugins.imagestreams.notify.PushNotification;
import io.jenkins.plugins.imagestreams.registry.RegistryClient;
import io.jenkins.plugins.imagestreams.store.StoreException;
import io.jenkins.plugins.imagestreams.store.StreamStore;
import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Keeps every scheduled tag of every stream in a store up to date, the way a long-running process needs it (the
 * CLI's {@code imagestreams watch}, the Jenkins plugin): scheduled imports as the safety net, push notifications for
 * speed, {@link io.jenkins.plugins.imagestreams.events.ImageChanged} events to the listeners, aliases across streams
 * following their source.
 *
 * <p>Lifecycle: {@link #start()} delivers the events that were saved but not delivered before (a crash, a stop),
 * schedules every scheduled tag (each due at once, so anything pushed while nobody watched is found now), starts the
 * notification receiver if one is configured, and re-reads the store's streams every {@code resyncEvery}. {@link
 * #close()} stops the receiver and the scheduler, waits for running imports to save and deliver their events, then
 * delivers whatever is still pending. A notification accepted but not imported before the stop is not lost either:
 * its tag is scheduled, so the next start imports it at once.
 *
 * <p>Threading: everything runs on the {@link ScheduledExecutorService} given to the builder:
 * imports (registry request, store save, then event delivery to the listeners, all on the import's thread), the
 * scheduler's and the coalescing timers, the periodic re-sync, and the receiver's HTTP exchanges with their matching.
 * Listeners are called on those threads, one delivery run at a time ({@link EventDispatcher}); the deliveries of
 * {@link #start()}, {@link #streamChanged} and {@link #close()} run on the caller's thread. The public methods are safe
 * from any thread. The pool needs at least two threads so that notifications are received while an import waits on
 * a slow registry. The executor belongs to the caller: shut it down after {@link #close()}, not before.
 */
public final class Watcher implements AutoCloseable {
    /** How long after another instance's claim lapses its stream is delivered again. */
    private static final long LAPSE_GRACE_MILLIS = 200;

    private enum State {
        NEW,
        STARTED,
        STOPPED
    }

    private final WatcherBuilder options;
    private final StreamStore store;
    private final EventDispatcher dispatcher;
    private final AliasFollower aliases;
    private final ImportTracker tracker;
    private final ImportScheduler scheduler;
    private final PushCoalescer coalescer;
    private State state = State.NEW;
    private NotificationReceiver receiver;
    private ScheduledFuture<?> resyncTask;
    /** Delivery runs due when another instance's claims on a stream lapse, one per stream. */
    private final Map<StreamName, ScheduledFuture<?>> lapses = new ConcurrentHashMap<>();
    /**
     * {@code state == STARTED}, readable without this watcher's lock: the dispatcher asks for lapse runs while it
     * holds its own lock, and {@link #start()} holds this one while it delivers.
     */
    private volatile boolean running;
    /** The election this watcher takes part in once started, if it was given one. */
    private volatile Leadership elected;

    Watcher(WatcherBuilder options) {
        this.options = options;
        this.store = options.store;
        this.dispatcher =
                new EventDispatcher(store, options.problems, options.clock, options.instance, new DeliveryObserver() {
                    @Override
                    public void claimedElsewhere(StreamName stream, Instant lapses) {
                        deliverWhenClaimsLapse(stream, lapses);
                    }

                    @Override
                    public void delivered(String listenerId, Duration lag) {
                        options.metrics.delivered(listenerId, lag);
                    }
                });
        this.aliases = new AliasFollower(store, options.clock, dispatcher::deliverPending);
        dispatcher.addListener(aliases);
        options.listeners.forEach(dispatcher::addListener);
        Importer importer = options.gates == null
                ? new Importer(options.client, store, options.clock, dispatcher::deliverPending)
                : new Importer(options.client, store, options.clock, dispatcher::deliverPending, options.gates);
        ImportListener counted = (stream, tag, result) -> {
            options.metrics.imported(result);
            options.importListener.imported(stream, tag, result);
        };
        this.tracker = new ImportTracker(importer, counted, options.problems);
        Leadership leadership =
                options.leadership == null ? Leadership.ALONE : () -> elected != null && elected.leading();
        this.scheduler = new ImportScheduler(
                tracker, options.settings, options.clock, options.executor, options.random, leadership);
        this.coalescer =
                new PushCoalescer(options.coalesceWindow, options.clock, options.executor, scheduler::requestImport);
    }

    /**
     * Starts a builder; the store, client, clock and executor are what every watcher needs, the rest has defaults.
     *
     * @param executor runs everything (see the class comment); the caller keeps it and shuts it down after close
     */
    public static WatcherBuilder builder(
            StreamStore store, RegistryClient client, Clock clock, ScheduledExecutorService executor) {
        return new WatcherBuilder(store, client, clock, executor);
    }

    /**
     * Delivers pending events, schedules every scheduled tag and starts the notification receiver, if configured.
     *
     * @throws IOException if the receiver's address cannot be bound; nothing is left running then
     * @throws IllegalStateException if this watcher was started before
     * @throws StoreException if the store cannot list its streams
     */
    public synchronized void start() throws IOException {
        if (state != State.NEW) {
            throw new IllegalStateException("a watcher starts once; build a new one after close()");
        }
        state = State.STARTED;
        running = true;
        try {
            dispatcher.deliverAllPending();
            resync();
            if (options.leadership != null) {
                elected = options.leadership.apply(scheduler::leadershipChanged);
            }
            if (options.notificationAddress != null) {
                NotificationHandler handler = new NotificationHandler(
                        options.notificationEndpoints, this::pushed, options.executor, options.metrics);
                receiver = NotificationReceiver.start(options.notificationAddress, handler, options.executor);
            }
            if (!options.resyncEvery.isZero()) {
                long every = options.resyncEvery.toNanos();
                resyncTask = options.executor.scheduleWithFixedDelay(
                        this::resyncQuietly, every, every, TimeUnit.NANOSECONDS);
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Re-imports what {@code pushes} name ({@link PushMatcher}), each tag once per burst of notifications and ahead
     * of scheduled imports; the digest is resolved again by the import. Ignored unless started. The Jenkins plugin,
     * which receives notifications on its own URL, passes {@code watcher::pushed} to its {@link NotificationHandler}.
     *
     * @return the stream tags requested, without repeats
     */
    public List<ScheduledTag> pushed(List<PushNotification> pushes) {
        synchronized (this) {
            if (state != State.STARTED) {
                return List.of();
            }
        }
        List<ImageStream> streams = readableStreams();
        Set<ScheduledTag> tags = new LinkedHashSet<>();
        for (PushNotification push : pushes) {
            tags.addAll(PushMatcher.tagsToImport(push, streams));
        }
        tags.forEach(coalescer::request);
        return List.copyOf(tags);
    }

    /**
     * Call after saving a stream outside this watcher (definitions edited, a tag set): its scheduled tags are
     * re-synced, its aliases brought to their sources' images, and its pending events delivered, on the caller's
     * thread.
     *
     * @throws StoreException if the store fails
     */
    public void streamChanged(StreamName name) {
        resync(name);
        aliases.follow(name);
        dispatcher.deliverPending(name);
    }

    /**
     * Schedules exactly the scheduled tags of stream {@code name} as stored now (none when it is gone); the other
     * streams' tags stay as they are: a change costs a read of its stream, not of the store.
     *
     * @throws StoreException if the stream cannot be read; its tags keep their schedule
     */
    private void resync(StreamName name) {
        scheduler.scheduleOnly(
                name, store.load(name).map(v -> ScheduledTag.of(v.value())).orElse(List.of()));
    }

    /**
     * Schedules exactly the scheduled tags of the stored streams now: new ones are due at once, removed ones are
     * dropped, the others keep their timing. A stream that cannot be read keeps the tags it had.
     *
     * @throws StoreException if the store cannot list its streams
     */
    public void resync() {
        List<ScheduledTag> tags = new ArrayList<>();
        for (StreamName name : store.list()) {
            try {
                store.load(name).ifPresent(v -> tags.addAll(ScheduledTag.of(v.value())));
            } catch (StoreException e) {
                options.problems.accept("cannot read stream " + name + "; keeping its schedule: " + e.getMessage(), e);
                scheduler.states().stream()
                        .filter(s -> s.scheduled() && s.tag().stream().equals(name))
                        .forEach(s -> tags.add(s.tag()));
            }
        }
        scheduler.scheduleOnly(tags);
    }

    /** {@code http://host:port/notify/} of the running receiver; empty without one or before start. */
    public synchronized Optional<URI> notificationUri() {
        return Optional.ofNullable(receiver).map(NotificationReceiver::baseUri);
    }

    /** The scheduling state of every tag, by stream and tag, for status pages. */
    public List<ImportScheduler.TagState> states() {
        return scheduler.states();
    }

    /**
     * Stops receiving and scheduling, waits up to the stop timeout for running imports to save and deliver their
     * events, then delivers every pending event. Idempotent; does not shut down the executor.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (state == State.STOPPED) {
                return;
            }
            state = State.STOPPED;
            running = false;
            if (receiver != null) {
                receiver.close();
            }
            if (resyncTask != null) {
                resyncTask.cancel(false);
            }
            lapses.values().forEach(due -> due.cancel(false));
        }
        coalescer.close();
        scheduler.close();
        if (elected instanceof AutoCloseable election) {
            try {
                election.close();
            } catch (Exception e) {
                options.problems.accept("cannot leave the election: " + e.getMessage(), e);
            }
        }
        try {
            if (!tracker.stop(options.stopTimeout)) {
                options.problems.accept(
                        "imports still running " + options.stopTimeout.toSeconds()
                                + " s after the stop; their events are delivered at the next start",
                        null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            options.problems.accept("interrupted while waiting for running imports; pending events follow", e);
        }
        try {
            dispatcher.deliverAllPending();
        } catch (StoreException e) {
            options.problems.accept("cannot deliver pending events at stop; the next start does: " + e.getMessage(), e);
        }
    }

    private List<ImageStream> readableStreams() {
        List<ImageStream> streams = new ArrayList<>();
        try {
            for (StreamName name : store.list()) {
                try {
                    store.load(name).ifPresent(v -> streams.add(v.value()));
                } catch (StoreException e) {
                    options.problems.accept("cannot read stream " + name + " to match a notification", e);
                }
            }
        } catch (StoreException e) {
            options.problems.accept("cannot list streams to match a notification; polling finds the change", e);
        }
        return streams;
    }

    /**
     * The periodic re-sync: the schedule, then every pending event, which delivers what another instance sharing the
     * store saved but did not deliver (it died, or its claims lapsed).
     */
    /**
     * Runs a delivery of {@code name} just after {@code until}, when another instance's claim on one of its events
     * lapses: if that instance died before delivering, this one delivers instead. One pending run per stream.
     */
    private void deliverWhenClaimsLapse(StreamName name, Instant until) {
        long delay =
                Math.max(0, Duration.between(options.clock.instant(), until).toMillis()) + LAPSE_GRACE_MILLIS;
        lapses.compute(name, (stream, due) -> {
            if (due != null && !due.isDone()) {
                return due;
            }
            if (!running) {
                return null;
            }
            try {
                return options.executor.schedule(
                        () -> {
                            lapses.remove(stream);
                            deliverQuietly(stream);
                        },
                        delay,
                        TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                return null;
            }
        });
    }

    private void deliverQuietly(StreamName name) {
        try {
            dispatcher.deliverPending(name);
        } catch (RuntimeException e) {
            options.problems.accept("cannot deliver the events of " + name + "; retrying later: " + e.getMessage(), e);
        }
    }

    private void resyncQuietly() {
        try {
            resync();
            dispatcher.deliverAllPending();
        } catch (StoreException | RejectedExecutionException e) {
            options.problems.accept("periodic re-sync failed; retrying later: " + e.getMessage(), e);
        }
    }
}
