package io.jenkins.plugins.imagestreams.cli;

import io.jenkins.plugins.imagestreams.manifest.Manifests;
import io.jenkins.plugins.imagestreams.metrics.Metrics;
import io.jenkins.plugins.imagestreams.service.ApplyResult;
import io.jenkins.plugins.imagestreams.service.ImageStreamService;
import io.jenkins.plugins.imagestreams.service.StoreLocation;
import io.jenkins.plugins.imagestreams.service.StreamNotFoundException;
import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.Versioned;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What a command works on: core's {@link ImageStreamService} over the store under {@code --store}, with the config
 * file's definitions applied first (owner: the file's absolute path), and a registry client made from the command's
 * registry options when an operation first needs one.
 */
final class Workspace implements AutoCloseable {
    private final StoreLocation location;
    private final ScheduledExecutorService executor;
    private final ImageStreamService service;

    /** The pool's threads: a command's imports, lookups and blob transfers at once, unless it asks for more. */
    static final int THREADS = 4;

    private Workspace(
            ImageStreamsCommand root,
            StoreLocation location,
            PrintWriter err,
            RegistryOptions registry,
            boolean applyConfig,
            Metrics metrics,
            int threads) {
        this.location = location;
        if (location instanceof StoreLocation.Files files
                && Files.exists(files.directory())
                && !Files.isDirectory(files.directory())) {
            throw new UsageException(
                    "--store " + files.directory() + " is a file; expected a folder for the image streams");
        }
        this.executor = Executors.newScheduledThreadPool(threads, r -> {
            Thread thread = new Thread(r, "imagestreams");
            thread.setDaemon(true);
            return thread;
        });
        RegistryOptions options = registry != null ? registry : new RegistryOptions();
        this.service = ImageStreamService.builder()
                .store(location)
                .executor(executor)
                .registryClient(insecure -> options.newClient(insecure, metrics))
                .metrics(metrics)
                .problems((message, e) -> err.println("imagestreams: warning: " + message))
                .build();
        Optional<Path> config = root.configFile();
        if (applyConfig && config.isPresent() && (root.explicitConfig() || Files.exists(config.get()))) {
            apply(config.get().toAbsolutePath().normalize(), err);
        }
    }

    /** Opens the store the global options name and applies the config file to it. */
    static Workspace open(ImageStreamsCommand root, PrintWriter err) {
        return open(root, err, null, Metrics.NONE);
    }

    /** As {@link #open(ImageStreamsCommand, PrintWriter)}, reaching registries as {@code registry} says. */
    static Workspace open(ImageStreamsCommand root, PrintWriter err, RegistryOptions registry) {
        return open(root, err, registry, Metrics.NONE);
    }

    /** As {@link #open(ImageStreamsCommand, PrintWriter, RegistryOptions)}, counting what it does in {@code metrics}. */
    static Workspace open(ImageStreamsCommand root, PrintWriter err, RegistryOptions registry, Metrics metrics) {
        return new Workspace(root, root.storeLocation(), err, registry, true, metrics, THREADS);
    }

    /** The store at {@code location} instead of the one the global options name; no config file is applied. */
    static Workspace at(ImageStreamsCommand root, StoreLocation location, PrintWriter err) {
        return new Workspace(root, location, err, null, false, Metrics.NONE, THREADS);
    }

    /** For commands that only talk to registries: the config file is not applied. */
    static Workspace forRegistry(ImageStreamsCommand root, PrintWriter err, RegistryOptions registry) {
        return forRegistry(root, err, registry, THREADS);
    }

    /**
     * As {@link #forRegistry(ImageStreamsCommand, PrintWriter, RegistryOptions)}, with at least {@code threads}
     * threads, so that as many blobs can move at once.
     */
    static Workspace forRegistry(ImageStreamsCommand root, PrintWriter err, RegistryOptions registry, int threads) {
        return new Workspace(
                root, root.storeLocation(), err, registry, false, Metrics.NONE, Math.max(THREADS, threads));
    }

    private void apply(Path config, PrintWriter err) {
        Manifests manifests = StreamConfig.read(config);
        manifests.warnings().forEach(warning -> err.println("imagestreams: warning: " + warning));
        ApplyResult result = service.apply(config.toString(), manifests.streams());
        if (!result.problems().isEmpty()) {
            throw new ConfigException("config file " + config + ": "
                    + result.problems().entrySet().stream()
                            .map(p -> "stream " + p.getKey() + ": " + p.getValue())
                            .toList());
        }
        result.released()
                .forEach(tag -> err.println("imagestreams: tag " + tag + " is no longer defined in " + config
                        + "; its spec was removed (no more imports), its history kept"));
    }

    ImageStreamService service() {
        return service;
    }

    /**
     * The stored stream.
     *
     * @throws CommandFailure naming the store and the streams it holds when there is none of that name
     */
    ImageStream load(StreamName name) {
        return stored(name).value();
    }

    /**
     * The stored stream with its version.
     *
     * @throws CommandFailure naming the store and the streams it holds when there is none of that name
     */
    Versioned<ImageStream> stored(StreamName name) {
        try {
            return service.requireStored(name);
        } catch (StreamNotFoundException e) {
            throw new CommandFailure(e.getMessage() + " (store " + location + ")");
        }
    }

    /** Now, by the service's clock. */
    Instant now() {
        return service.clock().instant();
    }

    @Override
    public void close() {
        service.close();
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
