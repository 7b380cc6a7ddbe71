package io.jenkins.plugins.imagestreams.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.store.JsonFileStore;
import io.jenkins.plugins.imagestreams.store.StreamStore;
import io.jenkins.plugins.imagestreams.store.StreamUpdater;
import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.ImageStreamSpec;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import io.jenkins.plugins.imagestreams.stream.TagSpec;
import io.jenkins.plugins.imagestreams.stream.Versioned;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class EventDispatcherTest {
    static final Digest A = Digest.sha256("a".getBytes());
    static final Digest B = Digest.sha256("b".getBytes());
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final StreamName APP = StreamName.parse("dev/app");

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path root;
    private final List<String> problems = new ArrayList<>();

    static final class Recorder implements ImageChangeListener {
        final String id;
        final List<ImageChanged> events = new ArrayList<>();
        int failuresLeft;

        Recorder(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public void imageChanged(ImageChanged event) {
            if (failuresLeft > 0) {
                failuresLeft--;
                throw new IllegalStateException("listener down");
            }
            events.add(event);
        }
    }

    @Before
    public void createStream() {
        root = tmp.getRoot().toPath();
        ImageStream stream = ImageStream.create(
                APP,
                ImageStreamSpec.empty()
                        .withTag(TagSpec.of(
                                "latest", new TagSource.DockerImage(ImageReference.parse("localhost:5000/app")))));
        new JsonFileStore(root).save(stream, StreamStore.NEW);
    }

    static void importDigest(StreamStore store, StreamName name, Digest d, int minute) {
        new StreamUpdater(store)
                .update(
                        name,
                        s -> s.recordImport(
                                "latest", d, "localhost:5000/app@" + d, T0.plusSeconds(60L * minute), "import"));
    }

    private EventDispatcher dispatcher(StreamStore store, ImageChangeListener... listeners) {
        EventDispatcher dispatcher = new EventDispatcher(store, (message, e) -> problems.add(message));
        for (ImageChangeListener l : listeners) {
            dispatcher.addListener(l);
        }
        return dispatcher;
    }

    @Test
    public void savedChangeIsDeliveredOnceWithPinnedReference() {
        StreamStore store = new JsonFileStore(root);
        Recorder recorder = new Recorder("triggers");
        EventDispatcher dispatcher = dispatcher(store, recorder);
        importDigest(store, APP, A, 0);
        assertThat(dispatcher.deliverPending(APP)).isEqualTo(1);
        assertThat(dispatcher.deliverPending(APP)).isZero();
        assertThat(recorder.events)
                .containsExactly(new ImageChanged(APP, "latest", Optional.empty(), A, "localhost:5000/app@" + A, 2));
    }

    @Test
    public void aRunOverManyChangedTagsSavesItsClaimsOnceAndItsMarksOnce() {
        StreamName many = StreamName.parse("dev/many");
        ImageStreamSpec spec = ImageStreamSpec.empty();
        for (int i = 0; i < 20; i++) {
            spec = spec.withTag(
                    TagSpec.of("t" + i, new TagSource.DockerImage(ImageReference.parse("localhost:5000/many:t" + i))));
        }
        JsonFileStore files = new JsonFileStore(root);
        ImageStream stream = ImageStream.create(many, spec);
        for (int i = 0; i < 20; i++) {
            stream = stream.recordImport("t" + i, A, "localhost:5000/many@" + A, T0, "import");
        }
        files.save(stream, StreamStore.NEW);
        long before = files.load(many).orElseThrow().version();
        Recorder first = new Recorder("triggers");
        Recorder second = new Recorder("exec");

        assertThat(dispatcher(files, first, second).deliverPending(many)).isEqualTo(40);

        Versioned<ImageStream> after = files.load(many).orElseThrow();
        assertThat(after.version())
                .as("two saves for 40 deliveries: claims, marks")
                .isEqualTo(before + 2);
        assertThat(after.value().status().tags()).allSatisfy(h -> {
            assertThat(h.deliveredTo()).containsExactlyInAnyOrder("triggers", "exec");
            assertThat(h.claims()).isEmpty();
        });
        assertThat(dispatcher(new JsonFileStore(root), new Recorder("triggers"), new Recorder("exec"))
                        .deliverPending(many))
                .isZero();
    }

    @Test
    public void aChangeNoListenerWantsIsNeitherDeliveredNorClaimedNorMarkedUntilOneWantsIt() {
        StreamStore store = new JsonFileStore(root);
        importDigest(store, APP, A, 0);
        long before = store.load(APP).orElseThrow().version();
        AtomicBoolean wanted = new AtomicBoolean();
        List<ImageChanged> events = new ArrayList<>();
        ImageChangeListener choosy = new ImageChangeListener() {
            @Override
            public String id() {
                return "choosy";
            }

            @Override
            public void imageChanged(ImageChanged event) {
                events.add(event);
            }

            @Override
            public boolean wants(ImageStream stream, String tag) {
                return wanted.get() && stream.name().equals(APP) && tag.equals("latest");
            }
        };
        EventDispatcher dispatcher = dispatcher(store, choosy);

        assertThat(dispatcher.deliverPending(APP)).isZero();
        assertThat(events).isEmpty();
        Versioned<ImageStream> after = store.load(APP).orElseThrow();
        assertThat(after.version()).as("no claim, no mark: nothing saved").isEqualTo(before);
        assertThat(after.value().history("latest").deliveredTo()).isEmpty();

        wanted.set(true);
        assertThat(dispatcher.deliverPending(APP)).isEqualTo(1);
        assertThat(events).extracting(ImageChanged::newDigest).containsExactly(A);
        assertThat(store.load(APP).orElseThrow().value().history("latest").deliveredTo())
                .containsExactly("choosy");
        assertThat(dispatcher(store, choosy.as("choosy-too")).deliverPending(APP))
                .as("a named listener asks the listener it names")
                .isEqualTo(1);
    }

    @Test
    public void nothingIsRedeliveredAfterARestartAndTheNextChangeNamesTheOldDigest() {
        Recorder before = new Recorder("triggers");
        StreamStore store = new JsonFileStore(root);
        importDigest(store, APP, A, 0);
        dispatcher(store, before).deliverAllPending();

        StreamStore restarted = new JsonFileStore(root);
        Recorder after = new Recorder("triggers");
        EventDispatcher dispatcher = dispatcher(restarted, after);
        assertThat(dispatcher.deliverAllPending()).isZero();
        importDigest(restarted, APP, A, 1);
        assertThat(dispatcher.deliverAllPending())
                .as("re-import of the same digest")
                .isZero();
        importDigest(restarted, APP, B, 2);
        dispatcher.deliverAllPending();
        assertThat(before.events).extracting(ImageChanged::newDigest).containsExactly(A);
        assertThat(after.events).singleElement().satisfies(e -> {
            assertThat(e.oldDigest()).contains(A);
            assertThat(e.newDigest()).isEqualTo(B);
        });
    }

    @Test
    public void undeliveredEventSurvivesACrashBeforeDelivery() {
        importDigest(new JsonFileStore(root), APP, A, 0);
        Recorder recorder = new Recorder("triggers");
        assertThat(dispatcher(new JsonFileStore(root), recorder).deliverAllPending())
                .isEqualTo(1);
        assertThat(recorder.events).extracting(ImageChanged::newDigest).containsExactly(A);
    }

    @Test
    public void failingListenerGetsTheEventAgainWhileOthersGetItOnce() {
        StreamStore store = new JsonFileStore(root);
        Recorder flaky = new Recorder("flaky");
        flaky.failuresLeft = 1;
        Recorder steady = new Recorder("steady");
        EventDispatcher dispatcher = dispatcher(store, flaky, steady);
        importDigest(store, APP, A, 0);
        assertThat(dispatcher.deliverPending(APP)).isEqualTo(1);
        assertThat(problems).singleElement().asString().contains("'flaky'").contains("offered the event again");
        assertThat(dispatcher.deliverPending(APP)).isEqualTo(1);
        assertThat(flaky.events).hasSize(1);
        assertThat(steady.events).hasSize(1);
        assertThat(store.load(APP).orElseThrow().value().history("latest").deliveredTo())
                .containsExactlyInAnyOrder("flaky", "steady");
    }

    @Test
    public void listenerSeesTheChangeAlreadyStored() {
        StreamStore store = new JsonFileStore(root);
        List<Optional<Digest>> seen = new ArrayList<>();
        ImageChangeListener checker = new ImageChangeListener() {
            @Override
            public String id() {
                return "checker";
            }

            @Override
            public void imageChanged(ImageChanged event) {
                seen.add(new JsonFileStore(root)
                        .load(event.stream())
                        .flatMap(v -> v.value().currentImage(event.tag()))
                        .map(e -> e.image()));
            }
        };
        EventDispatcher dispatcher = dispatcher(store, checker);
        importDigest(store, APP, B, 0);
        dispatcher.deliverPending(APP);
        assertThat(seen).containsExactly(Optional.of(B));
    }
}
