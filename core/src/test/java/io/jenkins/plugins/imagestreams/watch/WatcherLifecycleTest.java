package io.jenkins.plugins.imagestreams.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagestreams.api.SchedulerSettings;
import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.store.JsonFileStore;
import io.jenkins.plugins.imagestreams.store.StreamStore;
import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.ImageStreamSpec;
import io.jenkins.plugins.imagestreams.stream.ImportPolicy;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import io.jenkins.plugins.imagestreams.stream.TagSpec;
import io.jenkins.plugins.imagestreams.testing.Fault;
import io.jenkins.plugins.imagestreams.testing.FaultProxy;
import io.jenkins.plugins.imagestreams.testing.FaultRule;
import io.jenkins.plugins.imagestreams.testing.RegistryFixture;
import io.jenkins.plugins.imagestreams.testing.Skopeo;
import io.jenkins.plugins.imagestreams.testing.TestImages;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Start, stop and the safety net: what keeps a watcher from losing a change. */
public class WatcherLifecycleTest {
    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    private Digest push(RegistryFixture registry, String content, String repoAndTag) throws Exception {
        return Digest.parse(Skopeo.push(TestImages.image(tmp.newFolder().toPath(), content), registry, repoAndTag));
    }

    @Test
    public void withTheReceiverDownTheNextScheduledPassFindsThePush() throws Exception {
        URI nobodyListens;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nobodyListens = URI.create(
                    "http://127.0.0.1:" + closed.getLocalPort() + "/notify/distribution/" + WatchHarness.TOKEN);
        }
        SchedulerSettings tenSeconds = SchedulerSettings.DEFAULT
                .withInterval(SchedulerSettings.MIN_INTERVAL)
                .withJitter(0);
        try (RegistryFixture registry = RegistryFixture.builder()
                        .notifications(nobodyListens)
                        .build()
                        .start();
                WatchHarness harness = new WatchHarness(tmp.newFolder("store").toPath(), tenSeconds, false)) {
            Digest v1 = push(registry, "v1", "demo/app:1");
            harness.watcher.start();
            StreamName app =
                    harness.define("app", Map.of("latest", ImageReference.parse(registry.reference("demo/app:1"))));
            harness.awaitEvent(app, "latest", v1, Duration.ofSeconds(10));

            Digest v2 = push(registry, "v2", "demo/app:1");
            Instant pushed = Instant.now();
            harness.awaitEvent(app, "latest", v2, Duration.ofSeconds(20));

            assertThat(Duration.between(pushed, Instant.now()))
                    .as("found by the scheduled pass, not sooner")
                    .isGreaterThan(Duration.ofSeconds(3));
            assertThat(harness.history(app, "latest")).containsExactly(v2, v1);
            assertThat(harness.events(app, "latest"))
                    .extracting(e -> e.newDigest())
                    .containsExactly(v1, v2);
        }
    }

    @Test
    public void closeWaitsForARunningImportToSaveAndDeliverItsEvent() throws Exception {
        try (RegistryFixture registry = RegistryFixture.plain().start();
                FaultProxy slow = FaultProxy.inFrontOf(registry).start()) {
            Digest v1 = push(registry, "v1", "demo/app:1");
            FaultRule stalled =
                    slow.add(FaultRule.on("HEAD", "/v2/.+/manifests/.+").inject(Fault.stall(Duration.ofMillis(1500))));
            WatchHarness harness = new WatchHarness(tmp.newFolder("store").toPath(), WatchHarness.hourly(), false);
            harness.watcher.start();
            StreamName app = harness.define("app", Map.of("latest", ImageReference.parse(slow.host() + "/demo/app:1")));
            // the request reaching the registry, not the tag's in-flight mark: the scheduler marks a tag before
            // its import begins, and close refuses an import that has not begun (the next start runs it)
            WatchHarness.await(() -> stalled.applied() > 0, Duration.ofSeconds(5), "the import's request to arrive");

            harness.close();

            assertThat(harness.history(app, "latest")).containsExactly(v1);
            assertThat(harness.events(app, "latest"))
                    .extracting(e -> e.newDigest())
                    .containsExactly(v1);
            assertThat(harness.problems).isEmpty();
        }
    }

    @Test
    public void startDeliversAChangeThatWasSavedButNotDelivered() throws Exception {
        Path dir = tmp.newFolder("store").toPath();
        StreamStore store = new JsonFileStore(dir);
        Digest saved = Digest.sha256("saved before a crash".getBytes(StandardCharsets.UTF_8));
        ImageReference source = ImageReference.parse("127.0.0.1:9/demo/app:1");
        ImageStream stream = ImageStream.create(
                        StreamName.parse("app"),
                        ImageStreamSpec.empty().withTag(TagSpec.of("latest", new TagSource.DockerImage(source))))
                .recordImport("latest", saved, source.withDigest(saved).toString(), Instant.now(), "import");
        store.save(stream, StreamStore.NEW);

        try (WatchHarness harness = new WatchHarness(dir, WatchHarness.hourly(), false)) {
            harness.watcher.start();

            assertThat(harness.events).extracting(e -> e.newDigest()).containsExactly(saved);
            assertThat(harness.totalImports()).as("the tag is not scheduled").isZero();
        }
    }

    @Test
    public void streamSavedByAnotherWriterIsScheduledByThePeriodicResync() throws Exception {
        try (RegistryFixture registry = RegistryFixture.plain().start();
                WatchHarness harness = new WatchHarness(
                        tmp.newFolder("store").toPath(),
                        WatchHarness.hourly(),
                        false,
                        b -> b.resyncEvery(Duration.ofMillis(200)))) {
            Digest v1 = push(registry, "v1", "demo/app:1");
            harness.watcher.start();
            StreamName app = StreamName.parse("late");
            TagSpec tag = TagSpec.of(
                            "latest", new TagSource.DockerImage(ImageReference.parse(registry.reference("demo/app:1"))))
                    .withImportPolicy(ImportPolicy.DEFAULT.withScheduled(true));
            harness.store.save(ImageStream.create(app, ImageStreamSpec.empty().withTag(tag)), StreamStore.NEW);

            harness.awaitImported(app, "latest", v1, Duration.ofSeconds(10));

            harness.store.delete(app, harness.store.load(app).orElseThrow().version());
            WatchHarness.await(
                    () -> harness.watcher.states().isEmpty(), Duration.ofSeconds(5), "the deleted stream's tag to go");
        }
    }
}
