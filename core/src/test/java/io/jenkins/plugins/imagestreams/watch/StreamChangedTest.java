package io.jenkins.plugins.imagestreams.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagestreams.importing.ImportScheduler;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.registry.RegistryClient;
import io.jenkins.plugins.imagestreams.store.JsonFileStore;
import io.jenkins.plugins.imagestreams.store.ObservedStore;
import io.jenkins.plugins.imagestreams.store.StreamStore;
import io.jenkins.plugins.imagestreams.store.StreamUpdater;
import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.ImageStreamSpec;
import io.jenkins.plugins.imagestreams.stream.ImportPolicy;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import io.jenkins.plugins.imagestreams.stream.TagSpec;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** A stream saved outside the watcher costs the watcher a read of that stream, not of the store. */
public class StreamChangedTest {
    private static final int STREAMS = 30;

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2);

    @After
    public void stop() {
        executor.shutdownNow();
    }

    private static TagSpec scheduled(String tag) {
        return TagSpec.of(tag, new TagSource.DockerImage(ImageReference.parse("registry.example:5000/app:" + tag)))
                .withImportPolicy(ImportPolicy.DEFAULT.withScheduled(true));
    }

    @Test
    public void aStreamSavedElsewhereIsRescheduledFromItsOwnReadAlone() throws Exception {
        StreamStore files = new JsonFileStore(tmp.getRoot().toPath());
        for (int i = 0; i < STREAMS; i++) {
            files.save(
                    ImageStream.create(
                            StreamName.of("many", "s" + i),
                            ImageStreamSpec.empty().withTag(scheduled("a"))),
                    StreamStore.NEW);
        }
        ObservedStore counting = new ObservedStore(files);
        StreamName changed = StreamName.of("many", "s7");
        try (Watcher watcher = Watcher.builder(
                        counting, RegistryClient.builder().build(), Clock.systemUTC(), executor)
                .leadership(onChange -> () -> false)
                .build()) {
            watcher.start();
            assertThat(watcher.states()).hasSize(STREAMS);
            new StreamUpdater(files)
                    .update(changed, s -> s.withSpec(ImageStreamSpec.empty().withTag(scheduled("b"))));
            counting.forget();

            watcher.streamChanged(changed);

            assertThat(counting.loads().keySet()).containsOnly(changed);
            assertThat(watcher.states())
                    .extracting(ImportScheduler.TagState::tag)
                    .extracting(t -> t.stream() + ":" + t.tag())
                    .hasSize(STREAMS)
                    .contains("many/s7:b", "many/s8:a")
                    .doesNotContain("many/s7:a");
        }
    }
}
