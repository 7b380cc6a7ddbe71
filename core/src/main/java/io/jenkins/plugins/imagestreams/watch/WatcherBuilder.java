package io.jenkins.plugins.imagestreams.watch;

import io.jenkins.plugins.imagestreams.api.SchedulerSettings;
import io.jenkins.plugins.imagestreams.events.ImageChangeListener;
import io.jenkins.plugins.imagestreams.events.Instance;
import io.jenkins.plugins.imagestreams.importing.Leadership;
import io.jenkins.plugins.imagestreams.metrics.Metrics;
import io.jenkins.plugins.imagestreams.notify.NotificationAuthenticator;
import io.jenkins.plugins.imagestreams.notify.NotificationSource;
import io.jenkins.plugins.imagestreams.promote.PromotionGates;
import io.jenkins.plugins.imagestreams.registry.RegistryClient;
import io.jenkins.plugins.imagestreams.store.StreamStore;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Configures a {@link Watcher}; see {@link Watcher#builder}. Every setter replaces the default it names. */
public final class WatcherBuilder {
    /** The quiet time that ends a burst of notifications for one tag: 50 ms. */
    public static final Duration DEFAULT_COALESCE_WINDOW = Duration.ofMillis(50);
    /** How often the store's streams are re-read to schedule new tags and drop removed ones: 1 minute. */
    public static final Duration DEFAULT_RESYNC_EVERY = Duration.ofMinutes(1);
    /** How long {@link Watcher#close()} waits for running imports: 1 minute. */
    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofMinutes(1);

    private static final Logger LOGGER = Logger.getLogger(Watcher.class.getName());

    final StreamStore store;
    final RegistryClient client;
    final Clock clock;
    final ScheduledExecutorService executor;
    SchedulerSettings settings = SchedulerSettings.DEFAULT;
    Random random = new Random();
    final List<ImageChangeListener> listeners = new ArrayList<>();
    ImportListener importListener = ImportListener.none();
    BiConsumer<String, Exception> problems = (message, e) -> LOGGER.log(Level.WARNING, message, e);
    Duration coalesceWindow = DEFAULT_COALESCE_WINDOW;
    Duration resyncEvery = DEFAULT_RESYNC_EVERY;
    Duration stopTimeout = DEFAULT_STOP_TIMEOUT;
    InetSocketAddress notificationAddress;
    Map<NotificationSource, NotificationAuthenticator> notificationEndpoints = Map.of();
    PromotionGates gates;
    Function<Runnable, ? extends Leadership> leadership;
    Instance instance = Instance.current();
    Metrics metrics = Metrics.NONE;

    WatcherBuilder(StreamStore store, RegistryClient client, Clock clock, ScheduledExecutorService executor) {
        this.store = Objects.requireNonNull(store, "store");
        this.client = Objects.requireNonNull(client, "client");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /** The gates imports pass; default: the tags' own, verifying signatures with the watcher's client. */
    public WatcherBuilder gates(PromotionGates value) {
        this.gates = Objects.requireNonNull(value, "gates");
        return this;
    }

    /** Interval, jitter, backoff, rate limits and concurrency of imports; default {@link SchedulerSettings#DEFAULT}. */
    public WatcherBuilder settings(SchedulerSettings value) {
        this.settings = Objects.requireNonNull(value, "settings");
        return this;
    }

    /** The scheduler's jitter source; pass a seeded one for reproducible schedules. */
    public WatcherBuilder random(Random value) {
        this.random = Objects.requireNonNull(value, "random");
        return this;
    }

    /**
     * Adds a listener for image changes; each gets each (stream, tag, digest) once, also across restarts.
     *
     * @throws IllegalArgumentException (at {@link #build()}) if two listeners share an id, or one takes {@code
     *     alias-follower}
     */
    public WatcherBuilder listener(ImageChangeListener value) {
        listeners.add(Objects.requireNonNull(value, "listener"));
        return this;
    }

    /** Told about every import, changed or not; default none. */
    public WatcherBuilder importListener(ImportListener value) {
        this.importListener = Objects.requireNonNull(value, "importListener");
        return this;
    }

    /** Told about failed listeners, unreadable streams and failed re-syncs (message, cause or null); default a log. */
    public WatcherBuilder problems(BiConsumer<String, Exception> value) {
        this.problems = Objects.requireNonNull(value, "problems");
        return this;
    }

    /**
     * How long no notification for a tag must arrive before its import is requested (at the latest 10 times this
     * after the first of a burst); zero requests at once (the scheduler still runs one import per tag at a time).
     *
     * @throws IllegalArgumentException if negative or over 10 s
     */
    public WatcherBuilder coalesceWindow(Duration value) {
        requireRange("coalesce window", value, Duration.ofSeconds(10));
        this.coalesceWindow = value;
        return this;
    }

    /**
     * How often the stored streams are re-read to schedule new tags; zero only re-syncs at start and on {@link
     * Watcher#streamChanged} (for a store only this process writes).
     *
     * @throws IllegalArgumentException if negative
     */
    public WatcherBuilder resyncEvery(Duration value) {
        requireRange("re-sync interval", value, Duration.ofDays(1));
        this.resyncEvery = value;
        return this;
    }

    /** How long {@link Watcher#close()} waits for running imports. @throws IllegalArgumentException if negative */
    public WatcherBuilder stopTimeout(Duration value) {
        requireRange("stop timeout", value, Duration.ofDays(1));
        this.stopTimeout = value;
        return this;
    }

    /**
     * Serves push notifications on {@code address} ({@code POST /notify/<source>[/<token>]}) for the sources given,
     * each with how it authenticates its sender. Without this call the watcher only polls.
     *
     * @throws IllegalArgumentException if {@code endpoints} is empty
     */
    public WatcherBuilder notifications(
            InetSocketAddress address, Map<NotificationSource, NotificationAuthenticator> endpoints) {
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException(
                    "name at least one notification source and how it authenticates, e.g. DISTRIBUTION with a"
                            + " path token");
        }
        this.notificationAddress = Objects.requireNonNull(address, "address");
        this.notificationEndpoints = Map.copyOf(endpoints);
        return this;
    }

    /** Where imports, notifications and deliveries are counted; default: nowhere. */
    public WatcherBuilder metrics(Metrics value) {
        this.metrics = Objects.requireNonNull(value, "metrics");
        return this;
    }

    /** Who this watcher's delivery claims name; default: this process ({@link Instance#current()}). */
    public WatcherBuilder instance(Instance value) {
        this.instance = Objects.requireNonNull(value, "instance");
        return this;
    }

    /**
     * Runs scheduled imports only while this process is elected, for processes that share one store: {@code start},
     * given what to run when the election's outcome changes, starts taking part when the watcher starts and returns
     * the leadership; the watcher closes it, if it can be closed, when it closes. Notifications and requested imports
     * run on every process. Default: no election, this process alone runs the schedule.
     */
    public WatcherBuilder leadership(Function<Runnable, ? extends Leadership> start) {
        this.leadership = Objects.requireNonNull(start, "start");
        return this;
    }

    /** A watcher, not started yet. @throws IllegalArgumentException if listener ids clash */
    public Watcher build() {
        return new Watcher(this);
    }

    private static void requireRange(String what, Duration value, Duration max) {
        Objects.requireNonNull(value, what);
        if (value.isNegative() || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(what + " must be between 0 and " + max + ", was " + value);
        }
    }
}
