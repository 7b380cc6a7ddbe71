package io.jenkins.plugins.imagestreams.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagestreams.api.ImportResult;
import io.jenkins.plugins.imagestreams.api.SchedulerSettings;
import io.jenkins.plugins.imagestreams.events.ImageChangeListener;
import io.jenkins.plugins.imagestreams.events.ImageChanged;
import io.jenkins.plugins.imagestreams.notify.NotificationAuthenticator;
import io.jenkins.plugins.imagestreams.notify.NotificationSource;
import io.jenkins.plugins.imagestreams.notify.TokenHash;
import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.registry.RegistryClient;
import io.jenkins.plugins.imagestreams.store.JsonFileStore;
import io.jenkins.plugins.imagestreams.store.StreamStore;
import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.ImageStreamSpec;
import io.jenkins.plugins.imagestreams.stream.ImportPolicy;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.TagEvent;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import io.jenkins.plugins.imagestreams.stream.TagSpec;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * A watcher on a JSON store with real threads and the system clock, recording every event, every import and every
 * problem, for the tests against the real registry.
 */
final class WatchHarness implements AutoCloseable {
    static final String TOKEN = "d2F0Y2hlci10ZXN0LXRva2VuLXRoYXQtaXMtbG9uZw";

    final StreamStore store;
    final ScheduledExecutorService executor = Executors.newScheduledThreadPool(4);
    final List<ImageChanged> events = new CopyOnWriteArrayList<>();
    final Map<String, AtomicInteger> imports = new ConcurrentHashMap<>();
    final List<Imported> results = new CopyOnWriteArrayList<>();
    final List<String> problems = new CopyOnWriteArrayList<>();
    final Watcher watcher;

    /** One import the watcher ran. */
    record Imported(StreamName stream, String tag, ImportResult result) {}

    WatchHarness(Path storeDir, SchedulerSettings settings, boolean notifications) {
        this(storeDir, settings, notifications, b -> b);
    }

    WatchHarness(
            Path storeDir, SchedulerSettings settings, boolean notifications, UnaryOperator<WatcherBuilder> options) {
        this.store = new JsonFileStore(storeDir);
        WatcherBuilder builder = Watcher.builder(store, RegistryClient.builder().build(), Clock.systemUTC(), executor)
                .settings(settings)
                .random(new Random(7))
                .listener(new ImageChangeListener() {
                    @Override
                    public String id() {
                        return "recorder";
                    }

                    @Override
                    public void imageChanged(ImageChanged event) {
                        events.add(event);
                    }
                })
                .importListener((stream, tag, result) -> {
                    imports.computeIfAbsent(stream + ":" + tag, k -> new AtomicInteger())
                            .incrementAndGet();
                    results.add(new Imported(stream, tag, result));
                })
                .problems((message, e) -> problems.add(message));
        if (notifications) {
            builder.notifications(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                    Map.of(NotificationSource.DISTRIBUTION, NotificationAuthenticator.pathToken(TokenHash.of(TOKEN))));
        }
        this.watcher = options.apply(builder).build();
    }

    /** Polling only once an hour: anything faster came from a notification. */
    static SchedulerSettings hourly() {
        return SchedulerSettings.DEFAULT.withInterval(Duration.ofHours(1)).withJitter(0);
    }

    /** Where the registry posts: the watcher's receiver with the path token. */
    URI endpoint() {
        return watcher.notificationUri().orElseThrow().resolve("distribution/" + TOKEN);
    }

    /** Saves a stream with scheduled tags ({@code tag -> source}) and tells the watcher. */
    StreamName define(String name, Map<String, ImageReference> tags) {
        ImageStreamSpec spec = ImageStreamSpec.empty();
        for (Map.Entry<String, ImageReference> tag : tags.entrySet()) {
            spec = spec.withTag(TagSpec.of(tag.getKey(), new TagSource.DockerImage(tag.getValue()))
                    .withImportPolicy(ImportPolicy.DEFAULT.withScheduled(true)));
        }
        return define(ImageStream.create(StreamName.parse(name), spec));
    }

    StreamName define(ImageStream stream) {
        store.save(stream, StreamStore.NEW);
        watcher.streamChanged(stream.name());
        return stream.name();
    }

    int imports(StreamName stream, String tag) {
        AtomicInteger count = imports.get(stream + ":" + tag);
        return count == null ? 0 : count.get();
    }

    int totalImports() {
        return imports.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    List<Digest> history(StreamName stream, String tag) {
        return store.load(stream).orElseThrow().value().history(tag).items().stream()
                .map(TagEvent::image)
                .toList();
    }

    List<ImageChanged> events(StreamName stream, String tag) {
        return events.stream()
                .filter(e -> e.stream().equals(stream) && e.tag().equals(tag))
                .toList();
    }

    /** Waits until an event for {@code stream:tag} with {@code digest} arrived; returns how long that took. */
    Duration awaitEvent(StreamName stream, String tag, Digest digest, Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        await(
                () -> events(stream, tag).stream().anyMatch(e -> e.newDigest().equals(digest)),
                timeout,
                "event " + stream + ":" + tag + " -> " + digest + "; events so far " + events);
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Waits until an import of {@code stream:tag} changed it to {@code digest} and was counted. */
    void awaitImported(StreamName stream, String tag, Digest digest, Duration timeout) throws InterruptedException {
        await(
                () -> results.stream()
                        .anyMatch(i -> i.stream().equals(stream)
                                && i.tag().equals(tag)
                                && i.result() instanceof ImportResult.Changed c
                                && c.current().image().equals(digest)),
                timeout,
                "import of " + stream + ":" + tag + " -> " + digest + "; imports so far " + results);
    }

    static void await(Condition condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + timeout.toMillis() + " ms for " + what);
            }
            Thread.sleep(20);
        }
    }

    @FunctionalInterface
    interface Condition {
        boolean holds();
    }

    @Override
    public void close() {
        watcher.close();
        executor.shutdown();
        try {
            assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while stopping the executor", e);
        }
    }
}
