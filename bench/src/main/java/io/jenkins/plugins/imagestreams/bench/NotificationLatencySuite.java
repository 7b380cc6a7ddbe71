package io.jenkins.plugins.imagestreams.bench;

import io.jenkins.plugins.imagestreams.api.SchedulerSettings;
import io.jenkins.plugins.imagestreams.events.ImageChangeListener;
import io.jenkins.plugins.imagestreams.events.ImageChanged;
import io.jenkins.plugins.imagestreams.notify.NotificationAuthenticator;
import io.jenkins.plugins.imagestreams.notify.NotificationSource;
import io.jenkins.plugins.imagestreams.notify.TokenHash;
import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.registry.BlobSource;
import io.jenkins.plugins.imagestreams.registry.RegistryClient;
import io.jenkins.plugins.imagestreams.registry.model.Manifest;
import io.jenkins.plugins.imagestreams.store.JsonFileStore;
import io.jenkins.plugins.imagestreams.store.StreamStore;
import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.ImageStreamSpec;
import io.jenkins.plugins.imagestreams.stream.ImportPolicy;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import io.jenkins.plugins.imagestreams.stream.TagSpec;
import io.jenkins.plugins.imagestreams.testing.RegistryFixture;
import io.jenkins.plugins.imagestreams.watch.Watcher;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Time from a push to the {@code ImageChanged} event: a watcher whose receiver gets the real registry's
 * notifications, against the expected wait of polling at the default interval (computed, half the interval).
 */
final class NotificationLatencySuite implements Suite {
    private static final String TOKEN = "YmVuY2gtbm90aWZpY2F0aW9uLXRva2VuLTEyMzQ1";
    private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    /** Pushes are paced so the default rate limit (60 imports a minute per registry) is never what is measured. */
    private static final Duration PACE = Duration.ofMillis(1050);

    private static final String P50 = "notification: p50";
    private static final String P99 = "notification: p99";
    private static final String POLLING = "polling every 5 min (computed)";
    private static final String GOAL_P50 = "goal: p50 200 ms";
    private static final String GOAL_P99 = "goal: p99 1 s";

    private final Map<Digest, Long> arrived = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "push-latency";
    }

    @Override
    public Comparison run(Path workDir, boolean quick) throws Exception {
        int pushes = quick ? 20 : 200;
        int warmUp = 5;
        ScheduledExecutorService executor = Executors.newScheduledThreadPool(4);
        StreamStore store = new JsonFileStore(Files.createDirectories(workDir.resolve("store")));
        List<Double> latencies = new ArrayList<>();
        try (RegistryClient client = RegistryClient.builder().build();
                Watcher watcher = Watcher.builder(store, client, Clock.systemUTC(), executor)
                        .settings(SchedulerSettings.DEFAULT.withInterval(Duration.ofHours(1)))
                        .random(new Random(1))
                        .listener(recorder())
                        .notifications(
                                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                                Map.of(
                                        NotificationSource.DISTRIBUTION,
                                        NotificationAuthenticator.pathToken(TokenHash.of(TOKEN))))
                        .build()) {
            watcher.start();
            try (RegistryFixture registry = RegistryFixture.builder()
                    .notifications(watcher.notificationUri().orElseThrow().resolve("distribution/" + TOKEN))
                    .build()
                    .start()) {
                ImageReference tag = ImageReference.parse(registry.reference("bench/watched:latest"));
                StreamName stream = StreamName.parse("push-latency");
                store.save(
                        ImageStream.create(
                                stream,
                                ImageStreamSpec.empty()
                                        .withTag(TagSpec.of("latest", new TagSource.DockerImage(tag))
                                                .withImportPolicy(ImportPolicy.DEFAULT.withScheduled(true)))),
                        StreamStore.NEW);
                watcher.streamChanged(stream);
                byte[] layer = "the layer every pushed image shares\n".getBytes(StandardCharsets.UTF_8);
                client.uploadBlob(tag, Digest.sha256(layer), layer.length, BlobSource.of(layer));
                for (int i = 0; i < warmUp + pushes; i++) {
                    long started = System.nanoTime();
                    double ms = pushAndWait(client, tag, layer, i);
                    if (i >= warmUp) {
                        latencies.add(ms);
                    }
                    long left = PACE.toNanos() - (System.nanoTime() - started);
                    if (left > 0) {
                        TimeUnit.NANOSECONDS.sleep(left);
                    }
                }
            }
        } finally {
            executor.shutdown();
            executor.awaitTermination(30, TimeUnit.SECONDS);
        }
        return comparison(latencies);
    }

    /** Pushes a new image to {@code tag} and returns the ms from the manifest PUT's response to the event. */
    private double pushAndWait(RegistryClient client, ImageReference tag, byte[] layer, int round) throws Exception {
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Labels\":{\"round\":\"" + round
                        + "\"}},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + Digest.sha256(layer) + "\"]}}")
                .getBytes(StandardCharsets.UTF_8);
        Digest configDigest = Digest.sha256(config);
        client.uploadBlob(tag, configDigest, config.length, BlobSource.of(config));
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"config\":{\"mediaType\":"
                + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest + "\",\"size\":"
                + config.length + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\","
                + "\"digest\":\"" + Digest.sha256(layer) + "\",\"size\":" + layer.length + "}]}";
        Digest pushed = client.putManifest(tag, Manifest.of(OCI_MANIFEST, manifest.getBytes(StandardCharsets.UTF_8)));
        long answered = System.nanoTime();
        long deadline = answered + TimeUnit.SECONDS.toNanos(30);
        Long seen;
        while ((seen = arrived.get(pushed)) == null) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no ImageChanged event for " + pushed + " within 30 s of its push");
            }
            Thread.sleep(1);
        }
        return (seen - answered) / 1e6;
    }

    private ImageChangeListener recorder() {
        return new ImageChangeListener() {
            @Override
            public String id() {
                return "bench-latency";
            }

            @Override
            public void imageChanged(ImageChanged event) {
                arrived.putIfAbsent(event.newDigest(), System.nanoTime());
            }
        };
    }

    private static Comparison comparison(List<Double> latencies) {
        double pollingMean = SchedulerSettings.DEFAULT_INTERVAL.toMillis() / 2.0;
        String setup = String.format(
                "%d pushes of new digests (registry client manifest PUT, a new config each) to one watched tag on a"
                        + " local registry (CNCF distribution, plain HTTP, loopback) that notifies the watcher's"
                        + " receiver; time from the PUT's response to the ImageChanged event, one push about every"
                        + " %d ms (default rate limit), scheduler interval 1 h so only notifications count, 5 warm-up"
                        + " pushes not counted. Polling is computed, not measured.",
                latencies.size(), PACE.toMillis());
        return new Comparison(
                "push-latency",
                "Push to ImageChanged event",
                "ms",
                false,
                setup,
                List.of(
                        new Result(P50, latencies, "every push's latency; its median is the p50"),
                        new Result(
                                P99,
                                List.of(Stats.percentile(latencies, 99)),
                                "one value: nearest-rank 99th percentile of the same pushes"),
                        new Result(
                                POLLING,
                                List.of(pollingMean),
                                "computed, not measured: the mean wait for the next pass is half the default"
                                        + " interval, 5 min / 2 (jitter averages out)"),
                        new Result(GOAL_P50, List.of(200.0), "stated goal, not measured"),
                        new Result(GOAL_P99, List.of(1000.0), "stated goal, not measured")),
                List.of(
                        new Target("p50 under 200 ms", P50, GOAL_P50, false, 1.0),
                        new Target("p99 under 1 s", P99, GOAL_P99, false, 1.0),
                        new Target(
                                "p50 at least 100× sooner than polling's expected wait", POLLING, P50, true, 100.0)));
    }
}
