package io.jenkins.plugins.imagestreams.jenkins.runtime;

import hudson.Extension;
import hudson.ExtensionList;
import hudson.init.Terminator;
import hudson.model.Run;
import hudson.model.listeners.ItemListener;
import hudson.security.ACL;
import hudson.util.DaemonThreadFactory;
import hudson.util.NamingThreadFactory;
import io.jenkins.plugins.imagestreams.access.AllowedRegistries;
import io.jenkins.plugins.imagestreams.access.NamespaceAccess;
import io.jenkins.plugins.imagestreams.api.SchedulerSettings;
import io.jenkins.plugins.imagestreams.events.ImageChangeListener;
import io.jenkins.plugins.imagestreams.jenkins.config.ImageStreamsConfiguration;
import io.jenkins.plugins.imagestreams.jenkins.config.KubernetesDefinition;
import io.jenkins.plugins.imagestreams.jenkins.config.RegistryDefinition;
import io.jenkins.plugins.imagestreams.jenkins.config.SpecMapper;
import io.jenkins.plugins.imagestreams.jenkins.config.StreamDefinition;
import io.jenkins.plugins.imagestreams.notify.NotificationHandler;
import io.jenkins.plugins.imagestreams.registry.CredentialsProvider;
import io.jenkins.plugins.imagestreams.registry.RegistryClient;
import io.jenkins.plugins.imagestreams.registry.RegistryConfig;
import io.jenkins.plugins.imagestreams.service.ApplyResult;
import io.jenkins.plugins.imagestreams.service.ClusterAccess;
import io.jenkins.plugins.imagestreams.service.ImageStreamService;
import io.jenkins.plugins.imagestreams.service.StreamList;
import io.jenkins.plugins.imagestreams.stream.ImageStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import jenkins.security.ImpersonatingScheduledExecutorService;

/**
 * Core's {@link ImageStreamService} for this Jenkins, started after the jobs are loaded and closed with Jenkins, over
 * the stream store under {@code $JENKINS_HOME/image-streams/}, the configured registries and a small pool of its own
 * (never the cron thread). {@link #apply} hands the configured streams to the service as the definitions of {@link
 * #OWNER} and runs its watcher, which schedules imports, follows aliases, matches pushes and delivers events to every
 * {@link ImageChangeListener} extension (the build trigger) and, with a Kubernetes cluster configured, to the
 * service's workload trigger. A new poll interval, or turning workloads on or off, needs a new watcher.
 */
@Extension
public final class ImageStreamsRuntime {
    private static final Logger LOGGER = Logger.getLogger(ImageStreamsRuntime.class.getName());

    /** Who owns the configured streams' tags, named when a step or command would change one. */
    public static final String OWNER = "the Jenkins configuration (Manage Jenkins > System > Image Streams)";

    /** The name of the pool's threads, {@code image-streams [#n]}. */
    public static final String POOL_NAME = "image-streams";

    private volatile Services services;
    /** Between Jenkins' loading its jobs and its shutting down: when the services should run. */
    private volatile boolean wanted;

    /** The running service and what the plugin keeps beside it: webhook handler, access rules, watcher settings. */
    public static final class Services {
        /** Core's operations over this Jenkins' store and registries. */
        public final ImageStreamService service;

        final ScheduledExecutorService executor;
        /** Where the streams are kept: empty for the files under JENKINS_HOME. */
        final Optional<ImageStreamsConfiguration.ClusterStore> store;

        volatile WatcherSettings settings;
        volatile NotificationHandler handler;
        volatile NamespaceAccess access = NamespaceAccess.OPEN;
        volatile AllowedRegistries allowedRegistries = AllowedRegistries.only(Set.of());

        Services(
                ImageStreamService service,
                ScheduledExecutorService executor,
                Optional<ImageStreamsConfiguration.ClusterStore> store) {
            this.service = service;
            this.executor = executor;
            this.store = store;
        }

        /** The namespace access rules in force. */
        public NamespaceAccess access() {
            return access;
        }

        /** The registries a step may name as a source or a copy target. */
        public AllowedRegistries allowedRegistries() {
            return allowedRegistries;
        }

        /**
         * The service as one build's step uses it: the same store, events and watcher, with the build's own identity
         * at the registries ({@link RegistryCredentials#forBuild}). Close it when the step ends.
         *
         * @param credentialsId the step's registry credentials; blank for each configured registry's, as the build
         *     may use them
         */
        public ForBuild forBuild(Run<?, ?> run, String credentialsId) {
            RegistryClient client = newClient(RegistryCredentials.forBuild(run, credentialsId));
            return new ForBuild(service.withRegistryClient(client), client);
        }

        /** The handler for webhook requests, serving the configured endpoints. */
        public NotificationHandler handler() {
            return handler;
        }

        /** Runs {@code task} on the image streams pool, off the request thread. */
        public void execute(Runnable task) {
            executor.execute(task);
        }

        /** Every stored stream that can be read; one that cannot is logged. */
        public List<ImageStream> readableStreams() {
            StreamList list = service.streams(name -> true);
            list.unreadable()
                    .forEach((name, why) ->
                            LOGGER.log(Level.WARNING, "image stream " + name + " cannot be read: " + why));
            return list.streams();
        }
    }

    /** A build's view of the service, holding the registry client it closes. */
    public record ForBuild(ImageStreamService service, RegistryClient client) implements AutoCloseable {
        @Override
        public void close() {
            client.close();
        }
    }

    public static ImageStreamsRuntime get() {
        return ExtensionList.lookupSingleton(ImageStreamsRuntime.class);
    }

    /**
     * Starts the service once Jenkins has loaded its jobs and its queue. Not an {@code @Initializer} at {@code
     * JOB_CONFIG_ADAPTED}: {@code Queue.init} runs at that milestone too and its load discards items already scheduled,
     * so builds the watcher schedules for events left pending by the last shutdown could be lost after being marked
     * delivered. {@link ItemListener#onLoaded} runs after every initializer.
     */
    @Extension
    public static final class StartWhenLoaded extends ItemListener {
        @Override
        public void onLoaded() {
            get().wanted = true;
            get().start(ImageStreamsConfiguration.get());
        }
    }

    @Terminator
    public static void stopWithJenkins() {
        get().wanted = false;
        get().stop();
    }

    /**
     * Applies {@code config} when the services should run: to the running ones, or by starting them when their store
     * could not be opened before. Before start-up and after shutdown there is nothing to apply to.
     */
    public static void applyIfRunning(ImageStreamsConfiguration config) {
        ExtensionList<ImageStreamsRuntime> all = ExtensionList.lookup(ImageStreamsRuntime.class);
        if (!all.isEmpty() && all.get(0).wanted) {
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

    /**
     * Starts the service and its watcher, which first delivers the events left pending by the last shutdown. The
     * streams are kept where the configuration says: files under {@code JENKINS_HOME/image-streams}, or custom resources
     * of a cluster; a cluster store that cannot be opened leaves the services stopped, the reason logged, until the
     * configuration is saved again.
     */
    public synchronized void start(ImageStreamsConfiguration config) {
        if (services != null) {
            return;
        }
        Path root = Jenkins.get().getRootDir().toPath().resolve("image-streams");
        ScheduledExecutorService executor = newExecutor();
        Optional<ImageStreamsConfiguration.ClusterStore> cluster;
        ImageStreamService service;
        try {
            cluster = config.clusterStore();
            ImageStreamService.Builder builder = ImageStreamService.builder()
                    .executor(executor)
                    .registryClient(() -> newClient(RegistryCredentials.configured()))
                    .problems((message, e) -> LOGGER.log(Level.WARNING, message, e))
                    .metrics(JenkinsMetrics.current())
                    .namespaceSignatures(
                            namespace -> ImageStreamsConfiguration.get().namespaceSignature(namespace));
            if (cluster.isPresent()) {
                builder.kubernetesStore(cluster.get().access(), cluster.get().namespace());
            } else {
                builder.fileStore(root);
            }
            service = builder.build();
        } catch (RuntimeException e) {
            executor.shutdownNow();
            LOGGER.log(
                    Level.SEVERE, "Image streams not started: the stream store cannot be opened: " + e.getMessage(), e);
            return;
        }
        services = new Services(service, executor, cluster);
        apply(config);
        LOGGER.log(
                Level.INFO,
                "Image streams started with the store {0}",
                cluster.map(c -> "in the cluster"
                                + c.namespace().map(n -> ", namespace " + n).orElse(""))
                        .orElse("at " + root));
    }

    /** Whether {@code config} keeps the streams where {@code s} keeps them. */
    private static boolean sameStore(Services s, ImageStreamsConfiguration config) {
        try {
            return config.clusterStore().equals(s.store);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Closes the watcher (running imports finish and deliver their events); stored streams stay. */
    public synchronized void stop() {
        Services s = services;
        services = null;
        if (s != null) {
            s.handler = null;
            s.service.close();
            s.executor.shutdownNow();
        }
    }

    /**
     * Brings the running services in line with {@code config}: the configured streams go to the service as {@link
     * #OWNER}'s definitions (see {@link ImageStreamService#apply} for what that owns and releases), the watcher's
     * settings (a change closes the old watcher and starts a new one), the webhook endpoints, the access rules. A
     * stream that cannot be applied is logged and skipped; the others still apply.
     */
    public synchronized void apply(ImageStreamsConfiguration config) {
        Services s = services;
        if (s == null || !sameStore(s, config)) {
            stop();
            start(config);
            return;
        }
        ApplyResult result = s.service.apply(OWNER, definitions(config));
        result.problems().forEach((name, why) -> LOGGER.warning("image stream " + name + " not applied: " + why));
        WatcherSettings settings = new WatcherSettings(config.schedulerSettings(), config.getKubernetes() != null);
        if (!settings.equals(s.settings)) {
            replaceWatcher(s, settings);
        }
        s.handler = new NotificationHandler(
                WebhookEndpoints.of(config, LOGGER), s.service::pushed, s.executor, JenkinsMetrics.current());
        s.allowedRegistries = config.allowedRegistries();
        try {
            s.access = config.namespaceAccess();
        } catch (IllegalArgumentException e) {
            LOGGER.log(Level.WARNING, "namespace access rules not applied, the previous ones stay: " + e.getMessage());
        }
    }

    /** The configured streams as core definitions; one that does not map is logged and left out. */
    private static List<io.jenkins.plugins.imagestreams.service.StreamDefinition> definitions(
            ImageStreamsConfiguration config) {
        List<io.jenkins.plugins.imagestreams.service.StreamDefinition> definitions = new ArrayList<>();
        for (StreamDefinition stream : config.getStreams()) {
            try {
                definitions.add(new io.jenkins.plugins.imagestreams.service.StreamDefinition(
                        SpecMapper.name(stream), SpecMapper.spec(stream, config.getHistoryLimit())));
            } catch (RuntimeException e) {
                LOGGER.warning("image stream " + stream.getFullName() + " not applied: " + e.getMessage());
            }
        }
        return definitions;
    }

    /** What a watcher is built with: a change needs a new one. */
    record WatcherSettings(SchedulerSettings scheduler, boolean workloads) {}

    private static void replaceWatcher(Services s, WatcherSettings settings) {
        try {
            s.service.watch(builder -> {
                builder.settings(settings.scheduler());
                // several controllers may share streams kept in a cluster, each with jobs of its own: there the Jenkins
                // listeners (build triggers) get each change once per controller, the workload trigger (which acts
                // on the shared cluster) once for all
                String controller = s.store.isPresent() ? "@" + Jenkins.get().getLegacyInstanceId() : "";
                ExtensionList.lookup(ImageChangeListener.class)
                        .forEach(l -> builder.listener(controller.isEmpty() ? l : l.as(l.id() + controller)));
                if (settings.workloads()) {
                    builder.listener(s.service.workloadTrigger(ImageStreamsRuntime::configuredCluster));
                }
            });
            s.settings = settings;
        } catch (IOException | RuntimeException e) {
            // without a receiver only the store can fail; the next apply builds a new watcher
            s.settings = null;
            LOGGER.log(
                    Level.WARNING,
                    "image streams watcher did not start; save the configuration to retry: " + e.getMessage(),
                    e);
        }
    }

    /**
     * The configured cluster, read for each workload update so edited settings and rotated tokens apply at once.
     *
     * @throws IllegalStateException if none is configured (any more); the change is offered again later
     */
    private static ClusterAccess configuredCluster() {
        KubernetesDefinition kubernetes = ImageStreamsConfiguration.get().getKubernetes();
        if (kubernetes == null) {
            throw new IllegalStateException(Messages.ImageStreamsRuntime_NoCluster());
        }
        return kubernetes.toAccess();
    }

    /** A client over the configured registries' TLS and insecure settings, with {@code credentials}. */
    private static RegistryClient newClient(CredentialsProvider credentials) {
        return RegistryClient.builder()
                .credentials(credentials)
                .registryConfig(ImageStreamsRuntime::registryConfig)
                .userAgent("jenkins-image-streams")
                .metrics(JenkinsMetrics.current())
                .build();
    }

    private static RegistryConfig registryConfig(String registry) {
        return ImageStreamsConfiguration.get()
                .registry(registry)
                .map(RegistryDefinition::toRegistryConfig)
                .orElse(null);
    }

    /**
     * The pool of imports, webhook work and deliveries: Jenkins' daemon and naming thread factories ({@code
     * image-streams [#n]}), with this plugin's class loader as the threads' context loader (fabric8 and Jackson find
     * their services through it), every task run as SYSTEM like Jenkins' own timer: scheduled imports, webhook
     * imports and deliveries are Jenkins' work, not a user's.
     */
    static ScheduledExecutorService newExecutor() {
        ThreadFactory plugin = new DaemonThreadFactory(runnable -> {
            Thread thread = new Thread(runnable);
            thread.setContextClassLoader(ImageStreamsRuntime.class.getClassLoader());
            return thread;
        });
        return new ImpersonatingScheduledExecutorService(
                new ScheduledThreadPoolExecutor(4, new NamingThreadFactory(plugin, POOL_NAME)), ACL.SYSTEM2);
    }
}
