package io.jenkins.plugins.imagestreams.importing;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagestreams.api.ScheduledTag;
import io.jenkins.plugins.imagestreams.api.SchedulerSettings;
import io.jenkins.plugins.imagestreams.events.EventDispatcher;
import io.jenkins.plugins.imagestreams.events.ImageChangeListener;
import io.jenkins.plugins.imagestreams.events.ImageChanged;
import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.registry.RegistryClient;
import io.jenkins.plugins.imagestreams.store.JsonFileStore;
import io.jenkins.plugins.imagestreams.store.ObservedStore;
import io.jenkins.plugins.imagestreams.store.StreamStore;
import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.ImageStreamSpec;
import io.jenkins.plugins.imagestreams.stream.ImportPolicy;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.TagEvent;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import io.jenkins.plugins.imagestreams.stream.TagSpec;
import io.jenkins.plugins.imagestreams.testing.ManualClock;
import io.jenkins.plugins.imagestreams.testing.OciLayout;
import io.jenkins.plugins.imagestreams.testing.RegistryFixture;
import io.jenkins.plugins.imagestreams.testing.Skopeo;
import io.jenkins.plugins.imagestreams.testing.TestImages;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Scheduler, importer, store and events together against a real registry, on a manual clock. */
public class ScheduledImportFlowTest {
    @ClassRule
    public static final RegistryFixture REGISTRY = RegistryFixture.plain();

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void scheduledTagFollowsPushesAndRetriesAFailureWithinSeconds() throws Exception {
        ManualClock clock = new ManualClock(Instant.parse("2026-06-01T00:00:00Z"));
        ManualExecutor executor = new ManualExecutor(clock);
        StreamStore store = new JsonFileStore(tmp.newFolder("store").toPath());
        List<ImageChanged> events = new ArrayList<>();
        EventDispatcher dispatcher = new EventDispatcher(store, (m, e) -> {
            throw new AssertionError(m, e);
        });
        dispatcher.addListener(new ImageChangeListener() {
            @Override
            public String id() {
                return "recorder";
            }

            @Override
            public void imageChanged(ImageChanged event) {
                events.add(event);
            }
        });
        Importer importer = new Importer(
                RegistryClient.builder().retryPolicy(ImporterTest.FAST).build(),
                store,
                clock,
                dispatcher::deliverPending);
        StreamName app = StreamName.parse("flow");
        TagSpec tag = TagSpec.of(
                        "latest", new TagSource.DockerImage(ImageReference.parse(REGISTRY.reference("flow/app:1"))))
                .withImportPolicy(ImportPolicy.DEFAULT.withScheduled(true));
        ImageStream stream = ImageStream.create(app, ImageStreamSpec.empty().withTag(tag));
        store.save(stream, StreamStore.NEW);
        ImportScheduler scheduler =
                new ImportScheduler(importer, SchedulerSettings.DEFAULT.withJitter(0), clock, executor, new Random(1));

        scheduler.scheduleOnly(ScheduledTag.of(stream));
        executor.runUntilIdle();
        assertThat(store.load(app).orElseThrow().value().history("latest").importFailure())
                .hasValueSatisfying(c -> assertThat(c.reason()).isEqualTo("NotFound"));

        OciLayout a = TestImages.image(tmp.newFolder().toPath(), "flow A");
        Skopeo.push(a, REGISTRY, "flow/app:1");
        executor.advance(Duration.ofSeconds(10));
        assertThat(history(store, app)).containsExactly(Digest.parse(a.digest()));
        assertThat(store.load(app).orElseThrow().value().history("latest").conditions())
                .isEmpty();

        OciLayout b = TestImages.image(tmp.newFolder().toPath(), "flow B");
        Skopeo.push(b, REGISTRY, "flow/app:1");
        executor.advance(Duration.ofMinutes(4));
        assertThat(history(store, app)).as("not yet due").containsExactly(Digest.parse(a.digest()));
        executor.advance(Duration.ofMinutes(1));
        assertThat(history(store, app)).containsExactly(Digest.parse(b.digest()), Digest.parse(a.digest()));
        executor.advance(Duration.ofMinutes(15));
        assertThat(history(store, app)).containsExactly(Digest.parse(b.digest()), Digest.parse(a.digest()));
        assertThat(events)
                .extracting(ImageChanged::newDigest)
                .containsExactly(Digest.parse(a.digest()), Digest.parse(b.digest()));
    }

    @Test
    public void aPassReadsAStreamOnceForAllItsScheduledTags() throws Exception {
        ManualClock clock = new ManualClock(Instant.parse("2026-06-01T00:00:00Z"));
        ManualExecutor executor = new ManualExecutor(clock);
        ObservedStore store =
                new ObservedStore(new JsonFileStore(tmp.newFolder("store").toPath()));
        OciLayout image = TestImages.image(tmp.newFolder().toPath(), "flow many");
        Skopeo.push(image, REGISTRY, "flow/many:1");
        Importer importer = new Importer(
                RegistryClient.builder().retryPolicy(ImporterTest.FAST).build(), store, clock, name -> {});
        StreamName many = StreamName.parse("many");
        ImageStreamSpec spec = ImageStreamSpec.empty();
        for (String name : List.of("a", "b", "c", "d")) {
            spec = spec.withTag(
                    TagSpec.of(name, new TagSource.DockerImage(ImageReference.parse(REGISTRY.reference("flow/many:1"))))
                            .withImportPolicy(ImportPolicy.DEFAULT.withScheduled(true)));
        }
        ImageStream stream = ImageStream.create(many, spec);
        store.save(stream, StreamStore.NEW);
        SchedulerSettings settings = SchedulerSettings.DEFAULT.withJitter(0);
        ImportScheduler scheduler = new ImportScheduler(importer, settings, clock, executor, new Random(1));

        scheduler.scheduleOnly(ScheduledTag.of(stream));
        executor.runUntilIdle();
        assertThat(store.loads()).containsExactly(Map.entry(many, 1));
        for (String name : List.of("a", "b", "c", "d")) {
            assertThat(store.load(many).orElseThrow().value().currentImage(name))
                    .hasValueSatisfying(e -> assertThat(e.image()).isEqualTo(Digest.parse(image.digest())));
        }

        store.forget();
        executor.advance(settings.interval());
        assertThat(store.loads()).containsExactly(Map.entry(many, 1));
        assertThat(scheduler.states()).allSatisfy(s -> assertThat(s.failures()).isZero());
        scheduler.close();
    }

    private static List<Digest> history(StreamStore store, StreamName name) {
        return store.load(name).orElseThrow().value().history("latest").items().stream()
                .map(TagEvent::image)
                .toList();
    }
}
