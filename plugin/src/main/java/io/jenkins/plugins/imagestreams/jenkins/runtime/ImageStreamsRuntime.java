package io.jenkins.plugins.imagestreams.jenkins.runtime;

import hudson.Extension;
import hudson.ExtensionList;
import hudson.init.InitMilestone;
import hudson.init.Initializer;
import hudson.init.Terminator;
import io.jenkins.plugins.imagestreams.access.NamespaceAccess;
import io.jenkins.plugins.imagestreams.events.ImageChangeListener;
import io.jenkins.plugins.imagestreams.events.WorkloadTrigger;
import io.jenkins.plugins.imagestreams.importing.Importer;
import io.jenkins.plugins.imagestreams.importing.SchedulerSettings;
import io.jenkins.plugins.imagestreams.jenkins.config.ImageStreamsConfiguration;
import io.jenkins.plugins.imagestreams.jenkins.config.RegistryDefinition;
import io.jenkins.plugins.imagestreams.notify.NotificationHandler;
import io.jenkins.plugins.imagestreams.promote.Tagger;
import io.jenkins.plugins.imagestreams.registry.RegistryClient;
import io.jenkins.plugins.imagestreams.registry.RegistryConfig;
import io.jenkins.plugins.imagestreams.store.JsonFileStore;
import io.jenkins.plugins.imagestreams.store.StreamStore;
import io.jenkins.plugins.imagestreams.store.Versioned;
import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.watch.Watcher;
import io.jenkins.plugins.imagestreams.watch.WatcherBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;

/**
 * Core's {@link Watcher} for this Jenkins, started after the jobs are loaded and closed with Jenkins, over the stream
 * store under {@code $JENKINS_HOME/image-streams/} and a small pool of its own (never the cron thread). The watcher
 * schedules imports, follows aliases, matches pushes and delivers events to every {@link ImageChangeListener}
 * extension (the build trigger) and, with a Kubernetes cluster configured, to core's {@link WorkloadTrigger}, which
 * keeps the workloads tags list in step. The webhook's {@link NotificationHandler} hands pushes to the watcher. {@link #apply}
 * brings everything in line with the configuration; a new poll interval, or turning workloads on or off, needs a new
 * watcher.
 */
@Extension
public final class ImageStreamsRuntime {
    private static final Logger LOGGER = Logger.getLogger(ImageStreamsRuntime.class.getName());

    private volatile Services services;

    /** The running services: core's store, client, importer and tagger, and the watcher over them. */
    public static final class Services {
        public final StreamStore store;
        public final RegistryClient client;
        public final Clock clock;
        /** Imports on the caller's thread (the import step); its events go out through the watcher. */
        public final Importer importer;
        /** Tags on the caller's thread (the steps); its events go out through the watcher. */
        public final Tagger tagger;

        final ScheduledExecutorService executor;
        volatile Watcher watcher;
        volatile WatcherSettings settings;
        volatile NotificationHandler handler;
        volatile NamespaceAccess access = NamespaceAccess.OPEN;

        Services(StreamStore store, RegistryClient client, Clock clock, ScheduledExecutorService executor) {
            this.store = store;
            this.client = client;
            this.clock = clock;
            this.executor = executor;
            this.importer = new Importer(client, store, clock, this::changed);
            this.tagger = new Tagger(store, clock, this::changed);
        }

        /** The namespace access rules in force. */
        public NamespaceAccess access() {
            return access;
        }

        /** The handler for webhook requests, serving the configured endpoints. */
        public NotificationHandler handler() {
            return handler;
        }

        /** Runs {@code task} on the image streams pool, off the request thread. */
        public void execute(Runnable task) {
            executor.execute(task);
        }

        /**
         * After {@code stream} was saved outside the watcher (a step, a configuration save): re-syncs the schedule,
         * brings its aliases along and delivers its events, on the caller's thread.
         */
        public void changed(StreamName stream) {
            Watcher w = watcher;
            if (w != null) {
                w.streamChanged(stream);
            }
        }
    }

    public static ImageStreamsRuntime get() {
        return ExtensionList.lookupSingleton(ImageStreamsRuntime.class);
    }

    @Initializer(after = InitMilestone.JOB_CONFIG_ADAPTED)
    public static void startWithJenkins() {
        get().start(ImageStreamsConfiguration.get());
    }

    @Terminator
    public static void stopWithJenkins() {
        get().stop();
    }

    /** Applies {@code config} when the services run; before start-up there is nothing to apply to. */
    public static void applyIfRunning(ImageStreamsConfiguration config) {
        ExtensionList<ImageStreamsRuntime> all = ExtensionList.lookup(ImageStreamsRuntime.class);
        if (!all.isEmpty() && all.get(0).services != null) {
            all.get(0).apply(config);
        }
    }

    /**
     * The running services.
     *
     * @throws IllegalStateException before start-up or after shutdown
     */
    public Services services() {
        return running().orElseThrow(() -> new IllegalStateException(Messages.ImageStreamsRuntime_NotRunning()));
    }

    /** The running services, if any. */
    public Optional<Services> running() {
        return Optional.ofNullable(services);
    }

    /** Starts the watcher, which first delivers the events left pending by the last shutdown. */
    public synchronized void start(ImageStreamsConfiguration config) {
        if (services != null) {
            return;
        }
        Path root = Jenkins.get().getRootDir().toPath().resolve("image-streams");
        RegistryClient client = RegistryClient.builder()
                .credentials(RegistryCredentials.configured())
                .registryConfig(ImageStreamsRuntime::registryConfig)
                .userAgent("jenkins-image-streams")
                .build();
        services = new Services(new JsonFileStore(root), client, Clock.systemUTC(), newExecutor());
        apply(config);
        LOGGER.log(Level.INFO, "Image streams started with the store at {0}", root);
    }

    /** Closes the watcher (running imports finish and deliver their events); stored streams stay. */
    public synchronized void stop() {
        Services s = services;
        services = null;
        if (s != null) {
            s.handler = null;
            if (s.watcher != null) {
                s.watcher.close();
            }
            s.executor.shutdownNow();
            s.client.close();
        }
    }

    /**
     * Brings the running services in line with {@code config}: stream specs into the store (configured tags are
     * added or replaced, others kept) and through the watcher, the watcher's settings (a change closes the old watcher
     * and starts a new one), the webhook endpoints, the access rules. A stream that cannot be applied is logged and
     * skipped; the others still apply.
     */
    public synchronized void apply(ImageStreamsConfiguration config) {
        Services s = services;
        if (s == null) {
            return;
        }
        List<StreamName> synced = StreamSync.apply(config, s.store, LOGGER::warning);
        WatcherSettings settings = new WatcherSettings(config.schedulerSettings(), config.getKubernetes() != null);
        if (!settings.equals(s.settings)) {
            replaceWatcher(s, settings);
        } else {
            synced.forEach(s::changed);
        }
        s.handler = new NotificationHandler(WebhookEndpoints.of(config, LOGGER), s.watcher::pushed, s.executor);
        try {
            s.access = config.namespaceAccess();
        } catch (IllegalArgumentException e) {
            LOGGER.log(Level.WARNING, "namespace access rules not applied, the previous ones stay: " + e.getMessage());
        }
    }

    /** What a watcher is built with: a change needs a new one. */
    record WatcherSettings(SchedulerSettings scheduler, boolean workloads) {}

    private static void replaceWatcher(Services s, WatcherSettings settings) {
        if (s.watcher != null) {
            s.watcher.close();
        }
        WatcherBuilder builder =
                Watcher.builder(s.store, s.client, s.clock, s.executor).settings(settings.scheduler());
        ExtensionList.lookup(ImageChangeListener.class).forEach(builder::listener);
        if (settings.workloads()) {
            builder.listener(new WorkloadTrigger(s.store, new ConfiguredDeployer(), s.clock, Optional.empty()));
        }
        Watcher watcher = builder.build();
        s.watcher = watcher;
        try {
            watcher.start();
            s.settings = settings;
        } catch (IOException | RuntimeException e) {
            // without a receiver only the store can fail; the watcher closed itself, the next apply builds a new one
            s.settings = null;
            LOGGER.log(
                    Level.WARNING,
                    "image streams watcher did not start; save the configuration to retry: " + e.getMessage(),
                    e);
        }
    }

    /** Every stored stream that can be read. */
    public static List<ImageStream> loadAll(StreamStore store) {
        List<ImageStream> streams = new ArrayList<>();
        for (StreamName name : store.list()) {
            try {
                store.load(name).map(Versioned::value).ifPresent(streams::add);
            } catch (RuntimeException e) {
                LOGGER.log(Level.WARNING, "image stream " + name + " cannot be read: " + e.getMessage());
            }
        }
        return streams;
    }

    private static RegistryConfig registryConfig(String registry) {
        return ImageStreamsConfiguration.get()
                .registry(registry)
                .map(RegistryDefinition::toRegistryConfig)
                .orElse(null);
    }

    private static ScheduledExecutorService newExecutor() {
        AtomicInteger count = new AtomicInteger();
        return Executors.newScheduledThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "image-streams-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }
}
