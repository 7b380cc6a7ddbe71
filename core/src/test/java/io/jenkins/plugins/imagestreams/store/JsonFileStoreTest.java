package io.jenkins.plugins.imagestreams.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.ImageStreamSpec;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.Versioned;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class JsonFileStoreTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void everyFieldSurvivesARoundTrip() throws Exception {
        JsonFileStore store = new JsonFileStore(tmp.getRoot().toPath());
        ImageStream stream = StoreFixtures.everyField();
        long version = store.save(stream, StreamStore.NEW);
        // a store of its own parses the file: the store that saved it keeps what it wrote
        Versioned<ImageStream> loaded =
                new JsonFileStore(tmp.getRoot().toPath()).load(stream.name()).orElseThrow();
        assertThat(loaded.version()).isEqualTo(version).isEqualTo(1);
        assertThat(loaded.value()).isEqualTo(stream);
        assertThat(loaded.value().history("latest").conditions()).hasSize(1);
        assertThat(loaded.value().history("latest").deliveredTo()).containsExactly("jenkins-trigger");
    }

    @Test
    public void theStoreThatSavedAStreamLoadsItWithoutParsingWhatItWrote() throws Exception {
        Path root = tmp.getRoot().toPath();
        JsonFileStore store = new JsonFileStore(root);
        ImageStream stream = StoreFixtures.everyField();
        store.save(stream, StreamStore.NEW);
        assertThat(store.load(stream.name()).orElseThrow().value()).isSameAs(stream);
        ImageStream parsed =
                new JsonFileStore(root).load(stream.name()).orElseThrow().value();
        assertThat(parsed).isNotSameAs(stream).isEqualTo(stream);
        // another writer's bytes are read, not the kept stream
        ImageStream changed = stream.withDelivered("latest", "another-listener");
        new JsonFileStore(root).save(changed, 1);
        ImageStream reloaded = store.load(stream.name()).orElseThrow().value();
        assertThat(reloaded).isNotSameAs(changed).isEqualTo(changed);
    }

    @Test
    public void fileIsPrettyJsonWithOpenShiftFieldNamesAtTheDocumentedPath() throws Exception {
        JsonFileStore store = new JsonFileStore(tmp.getRoot().toPath());
        store.save(StoreFixtures.everyField(), StreamStore.NEW);
        Path file = tmp.getRoot().toPath().resolve("team-a/web.json");
        assertThat(store.pathOf(StreamName.parse("team-a/web"))).isEqualTo(file);
        String json = Files.readString(file);
        assertThat(json)
                .contains("\n  \"metadata\"")
                .contains("\"resourceVersion\" : 1")
                .contains("\"dockerImageReference\" : \"localhost:5000/web@sha256:")
                .contains("\"importMode\" : \"Legacy\"")
                .contains("\"kind\" : \"ImageStreamTag\"")
                .contains("\"type\" : \"ImportSuccess\"")
                .contains("\"lastTransitionTime\" : \"2026-03-04T05:06:16.123456789Z\"");
    }

    @Test
    public void saveOverAStaleVersionIsAConflictNamingBothVersions() {
        JsonFileStore first = new JsonFileStore(tmp.getRoot().toPath());
        JsonFileStore second = new JsonFileStore(tmp.getRoot().toPath());
        StreamName name = StreamName.parse("app");
        first.save(StoreFixtures.simple(name), StreamStore.NEW);
        Versioned<ImageStream> a = first.load(name).orElseThrow();
        Versioned<ImageStream> b = second.load(name).orElseThrow();
        first.save(a.value().withoutTag("latest"), a.version());
        assertThatThrownBy(() -> second.save(b.value(), b.version()))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("default/app")
                .hasMessageContaining("expected version 1")
                .hasMessageContaining("version 2");
        assertThat(second.load(name).orElseThrow().value().specTag("latest")).isEmpty();
    }

    @Test
    public void creatingAnExistingStreamIsAConflict() {
        JsonFileStore store = new JsonFileStore(tmp.getRoot().toPath());
        StreamName name = StreamName.parse("app");
        store.save(StoreFixtures.simple(name), StreamStore.NEW);
        assertThatThrownBy(() -> store.save(StoreFixtures.simple(name), StreamStore.NEW))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    public void concurrentWritersThroughTwoStoresNeverLoseAnUpdate() throws Exception {
        StreamName name = StreamName.parse("counter");
        new JsonFileStore(tmp.getRoot().toPath()).save(StoreFixtures.simple(name), StreamStore.NEW);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Integer>> conflicts = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            JsonFileStore store = new JsonFileStore(tmp.getRoot().toPath());
            conflicts.add(pool.submit(() -> {
                int lost = 0;
                for (int i = 0; i < 25; ) {
                    Versioned<ImageStream> v = store.load(name).orElseThrow();
                    ImageStream s = v.value();
                    ImageStream next =
                            s.withSpec(s.spec().withHistoryLimit(s.spec().historyLimit() + 1));
                    try {
                        store.save(next, v.version());
                        i++;
                    } catch (ConflictException e) {
                        lost++;
                    }
                }
                return lost;
            }));
        }
        for (Future<Integer> f : conflicts) {
            f.get();
        }
        pool.shutdown();
        Versioned<ImageStream> end =
                new JsonFileStore(tmp.getRoot().toPath()).load(name).orElseThrow();
        assertThat(end.version()).isEqualTo(101);
        assertThat(end.value().spec().historyLimit()).isEqualTo(10 + 100);
    }

    @Test
    public void corruptFileIsReportedByPathNeverOverwrittenAndOthersStillWork() throws Exception {
        JsonFileStore store = new JsonFileStore(tmp.getRoot().toPath());
        StreamName good = StreamName.parse("good");
        StreamName bad = StreamName.parse("bad");
        store.save(StoreFixtures.simple(good), StreamStore.NEW);
        store.save(StoreFixtures.simple(bad), StreamStore.NEW);
        Path badFile = store.pathOf(bad);
        Files.writeString(badFile, "{\"apiVersion\": \"imagestreams.jenkins.io/v1\", \"metad");

        assertThatThrownBy(() -> store.load(bad))
                .isInstanceOf(CorruptStreamException.class)
                .hasMessageContaining(badFile.toString())
                .satisfies(e -> assertThat(((CorruptStreamException) e).path()).isEqualTo(badFile));
        assertThatThrownBy(() -> store.save(StoreFixtures.simple(bad), 1)).isInstanceOf(CorruptStreamException.class);
        assertThatThrownBy(() -> store.delete(bad, 1)).isInstanceOf(CorruptStreamException.class);
        assertThat(Files.readString(badFile)).endsWith("\"metad");
        assertThat(store.list()).containsExactly(bad, good);
        assertThat(store.load(good)).isPresent();
    }

    @Test
    public void unchangedBytesAreNotParsedAgainButAnyEditBehindTheStoresBackIsSeen() throws Exception {
        JsonFileStore store = new JsonFileStore(tmp.getRoot().toPath());
        JsonFileStore other = new JsonFileStore(tmp.getRoot().toPath());
        StreamName name = StreamName.parse("app");
        store.save(StoreFixtures.simple(name), StreamStore.NEW);
        Versioned<ImageStream> first = store.load(name).orElseThrow();
        assertThat(store.load(name).orElseThrow()).isSameAs(first);

        Path file = store.pathOf(name);
        // the same resourceVersion, the same length, one changed byte: only the content tells
        String edited = Files.readString(file).replace("\"historyLimit\" : 10", "\"historyLimit\" : 11");
        assertThat(edited).isNotEqualTo(Files.readString(file));
        Files.writeString(file, edited);
        Versioned<ImageStream> reread = store.load(name).orElseThrow();
        assertThat(reread.version()).isEqualTo(first.version());
        assertThat(reread.value().spec().historyLimit()).isEqualTo(11);

        ImageStreamSpec twelve = new ImageStreamSpec(
                reread.value().spec().repository(), 12, reread.value().spec().tags());
        other.save(reread.value().withSpec(twelve), reread.version());
        assertThat(store.load(name).orElseThrow().value().spec().historyLimit()).isEqualTo(12);

        Files.writeString(file, "{\"apiVersion\": ");
        assertThatThrownBy(() -> store.load(name)).isInstanceOf(CorruptStreamException.class);
        Files.delete(file);
        assertThat(store.load(name)).isEmpty();
    }

    @Test
    public void fileHoldingAnotherStreamIsCorrupt() throws Exception {
        JsonFileStore store = new JsonFileStore(tmp.getRoot().toPath());
        store.save(StoreFixtures.simple(StreamName.parse("one")), StreamStore.NEW);
        Path other = store.pathOf(StreamName.parse("two"));
        Files.copy(store.pathOf(StreamName.parse("one")), other);
        assertThatThrownBy(() -> store.load(StreamName.parse("two"))).hasMessageContaining("holds stream default/one");
    }

    @Test
    public void wrongFieldTypeIsNamed() throws Exception {
        JsonFileStore store = new JsonFileStore(tmp.getRoot().toPath());
        StreamName name = StreamName.parse("app");
        store.save(StoreFixtures.simple(name), StreamStore.NEW);
        Path file = store.pathOf(name);
        Files.writeString(file, Files.readString(file).replace("\"generation\" : 1,", "\"generation\" : \"one\","));
        assertThatThrownBy(() -> store.load(name)).hasMessageContaining("field 'generation'");
    }

    @Test
    public void deleteNeedsTheCurrentVersion() {
        JsonFileStore store = new JsonFileStore(tmp.getRoot().toPath());
        StreamName name = StreamName.parse("app");
        store.save(StoreFixtures.simple(name), StreamStore.NEW);
        assertThatThrownBy(() -> store.delete(name, 7)).isInstanceOf(ConflictException.class);
        store.delete(name, 1);
        assertThat(store.load(name)).isEmpty();
        assertThat(store.list()).isEmpty();
        assertThatThrownBy(() -> store.delete(name, 1)).hasMessageContaining("none");
    }

    @Test
    public void listSkipsStrayFilesAndTempFiles() throws Exception {
        JsonFileStore store = new JsonFileStore(tmp.getRoot().toPath());
        store.save(StoreFixtures.simple(StreamName.parse("ns-1/a")), StreamStore.NEW);
        Files.writeString(tmp.getRoot().toPath().resolve("ns-1/.a.json.123.tmp"), "partial");
        Files.writeString(tmp.getRoot().toPath().resolve("ns-1/README.txt"), "x", StandardCharsets.UTF_8);
        Files.createDirectories(tmp.getRoot().toPath().resolve("Not_A_Label"));
        Files.writeString(tmp.getRoot().toPath().resolve("Not_A_Label/x.json"), "{}");
        assertThat(store.list()).containsExactly(StreamName.parse("ns-1/a"));
    }

    @Test
    public void aSaveStepsOverTempFilesLeftByAnEarlierProcessOfTheSameIdAndKeepsTheFileToItsOwner() throws Exception {
        JsonFileStore store = new JsonFileStore(tmp.getRoot().toPath());
        StreamName name = StreamName.parse("ns-1/a");
        Path file = store.pathOf(name);
        Files.createDirectories(file.getParent());
        // the names the next saves of this process would take, already taken by a process that died mid-save
        long pid = ProcessHandle.current().pid();
        List<Path> stale = new ArrayList<>();
        for (long n = JsonFileStore.AtomicFiles.TEMP_FILES.get() + 1; stale.size() < 3; n++) {
            Path left = file.resolveSibling(".a.json." + pid + "-" + n + ".tmp");
            Files.writeString(left, "partial write of another process");
            stale.add(left);
        }
        store.save(StoreFixtures.simple(name), StreamStore.NEW);
        assertThat(new JsonFileStore(tmp.getRoot().toPath())
                        .load(name)
                        .orElseThrow()
                        .version())
                .isEqualTo(1);
        for (Path left : stale) {
            assertThat(left).hasContent("partial write of another process");
        }
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files.filter(f -> f.getFileName().toString().endsWith(".tmp")))
                    .containsExactlyInAnyOrderElementsOf(stale);
        }
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(Files.getPosixFilePermissions(file))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        }
    }
}
