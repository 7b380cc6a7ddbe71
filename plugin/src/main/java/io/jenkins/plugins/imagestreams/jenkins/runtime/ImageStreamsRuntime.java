package io.jenkins.plugins.imagestreams.jenkins.runtime;

import hudson.Extension;
import hudson.ExtensionList;
import hudson.init.InitMilestone;
import hudson.init.Initializer;
import hudson.init.Terminator;
import hudson.security.ACL;
import hudson.security.ACLContext;
import io.jenkins.plugins.imagestreams.access.NamespaceAccess;
import io.jenkins.plugins.imagestreams.events.AliasFollower;
import io.jenkins.plugins.imagestreams.events.EventDispatcher;
import io.jenkins.plugins.imagestreams.events.ImageChangeListener;
import io.jenkins.plugins.imagestreams.importing.ImportScheduler;
import io.jenkins.plugins.imagestreams.importing.Importer;
import io.jenkins.plugins.imagestreams.importing.ScheduledTag;
import io.jenkins.plugins.imagestreams.importing.SchedulerSettings;
import io.jenkins.plugins.imagestreams.jenkins.config.ImageStreamsConfiguration;
import io.jenkins.plugins.imagestreams.jenkins.config.RegistryDefinition;
import io.jenkins.plugins.imagestreams.notify.NotificationHandler;
import io.jenkins.plugins.imagestreams.notify.PushNotification;
import io.jenkins.plugins.imagestreams.promote.Tagger;
import io.jenkins.plugins.imagestreams.registry.RegistryClient;
import io.jenkins.plugins.imagestreams.registry.RegistryConfig;
import io.jenkins.plugins.imagestreams.store.JsonFileStore;
import io.jenkins.plugins.imagestreams.store.StreamStore;
import io.jenkins.plugins.imagestreams.store.Versioned;
import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.watch.PushMatcher;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;

/**
 * Core's services for this Jenkins, started after the jobs are loaded and stopped with Jenkins: the stream store under
 * {@code $JENKINS_HOME/image-streams/}, the registry client, the importer and its scheduler on a small pool of its own
 * (never the cron thread), the event dispatcher with the alias follower and the build trigger listener, and the
 * notification handler behind the webhook. {@link #apply} brings them in line with the configuration.
 */
@Extension
public final class ImageStreamsRuntime {
    private static final Logger LOGGER = Logger.getLogger(ImageStreamsRuntime.class.getName());

    private volatile Services services;

    /** The running services; each field is core's. */
    public static final class Services {
        public final StreamStore store;
        public final EventDispatcher dispatcher;
        public final RegistryClient client;
        public final Importer importer;
        public final Tagger tagger;
        public final Clock clock;
        final ScheduledExecutorService executor;
        volatile ImportScheduler scheduler;
        volatile SchedulerSettings settings;
        volatile NotificationHandler handler;
        volatile NamespaceAccess access = NamespaceAccess.OPEN;

        Services(StreamStore store, RegistryClient client, Clock clock, ScheduledExecutorService executor) {
            this.store = store;
            this.client = client;
            this.clock = clock;
            this.executor = executor;
            this.dispatcher = new EventDispatcher(store, (message, e) -> LOGGER.log(Level.WARNING, message, e));
            this.importer = new Importer(client, store, clock, dispatcher::deliverPending);
            this.tagger = new Tagger(store, clock, dispatcher::deliverPending);
        }

        /** The scheduler of the current settings. */
        public ImportScheduler scheduler() {
            return scheduler;
        }

        /** The namespace access rules in force. */
        public NamespaceAccess access() {
            return access;
        }

        /** The handler for webhook requests, serving the configured endpoints. */
        public NotificationHandler handler() {
            return handler;
        }

        /** Delivers the events of {@code stream} after something other than the importer changed it. */
        public void changed(StreamName stream) {
            dispatcher.deliverPending(stream);
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
        Services s = services;
        if (s == null) {
            throw new IllegalStateException(Messages.ImageStreamsRuntime_NotRunning());
        }
        return s;
    }

    /** The running services, if any. */
    public Optional<Services> running() {
        return Optional.ofNullable(services);
    }

    /** Starts the services and delivers the events left pending by the last shutdown. */
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
        Services s = new Services(new JsonFileStore(root), client, Clock.systemUTC(), newExecutor());
        s.dispatcher.addListener(new AliasFollower(s.store, s.clock, s.dispatcher::deliverPending));
        for (ImageChangeListener listener : ExtensionList.lookup(ImageChangeListener.class)) {
            s.dispatcher.addListener(listener);
        }
        services = s;
        apply(config);
        s.executor.execute(s.dispatcher::deliverAllPending);
        LOGGER.log(Level.INFO, "Image streams started with the store at {0}", root);
    }

    /** Stops imports and webhook handling; stored streams stay. */
    public synchronized void stop() {
        Services s = services;
        services = null;
        if (s != null) {
            ImportScheduler scheduler = s.scheduler;
            if (scheduler != null) {
                scheduler.close();
            }
            s.executor.shutdownNow();
            s.client.close();
        }
    }

    /**
     * Brings the running services in line with {@code config}: stream specs into the store (configured tags are
     * added or replaced, others kept), the schedule, the scheduler settings, the webhook endpoints, the access rules.
     * A stream that cannot be applied is logged and skipped; the others still apply.
     */
    public synchronized void apply(ImageStreamsConfiguration config) {
        Services s = services;
        if (s == null) {
            return;
        }
        StreamSync.apply(config, s.store).forEach(problem -> LOGGER.warning(problem));
        SchedulerSettings settings = config.schedulerSettings();
        if (s.scheduler == null || !settings.equals(s.settings)) {
            ImportScheduler old = s.scheduler;
            s.scheduler = new ImportScheduler(s.importer, settings, s.clock, s.executor, new Random());
            s.settings = settings;
            if (old != null) {
                old.close();
            }
        }
        s.scheduler.scheduleOnly(scheduledTags(s.store));
        s.handler = new NotificationHandler(WebhookEndpoints.of(config, LOGGER), this::onPushes, s.executor);
        try {
            s.access = config.namespaceAccess();
        } catch (IllegalArgumentException e) {
            LOGGER.log(Level.WARNING, "namespace access rules not applied, the previous ones stay: " + e.getMessage());
        }
    }

    private static List<ScheduledTag> scheduledTags(StreamStore store) {
        List<ScheduledTag> tags = new ArrayList<>();
        for (ImageStream stream : loadAll(store)) {
            tags.addAll(ScheduledTag.of(stream));
        }
        return tags;
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

    @SuppressWarnings("try") // the ACL context is only closed
    private void onPushes(List<PushNotification> pushes) {
        Services s = services;
        if (s == null) {
            return;
        }
        try (ACLContext ignored = ACL.as2(ACL.SYSTEM2)) {
            List<ImageStream> streams = loadAll(s.store);
            for (PushNotification push : pushes) {
                for (ScheduledTag tag : PushMatcher.tagsToImport(push, streams)) {
                    s.scheduler.requestImport(tag);
                }
            }
        }
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
