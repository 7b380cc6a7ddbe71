package io.jenkins.plugins.imagestreams.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.ImageStreamSpec;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.Versioned;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Read-modify-write from a version the caller already holds. */
public class StreamUpdaterTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final StreamName name = StreamName.of("app-dev", "myapp");

    @Test
    public void changeThatLeavesTheLoadedVersionAsItIsWritesNothing() throws Exception {
        JsonFileStore store = new JsonFileStore(tmp.getRoot().toPath());
        store.save(StoreFixtures.simple(name), StreamStore.NEW);
        Versioned<ImageStream> loaded = store.load(name).orElseThrow();

        Versioned<ImageStream> result =
                new StreamUpdater(store).update(loaded, s -> s).orElseThrow();

        assertThat(result).isSameAs(loaded);
        assertThat(store.load(name).orElseThrow().version()).isEqualTo(loaded.version());
    }

    @Test
    public void saveLandingAfterTheLoadIsKeptAndTheChangeReappliedOnTopOfIt() throws Exception {
        JsonFileStore store = new JsonFileStore(tmp.getRoot().toPath());
        store.save(StoreFixtures.simple(name), StreamStore.NEW);
        Versioned<ImageStream> loaded = store.load(name).orElseThrow();
        ImageStream other = imported("a", 0, "another writer").apply(loaded.value());
        store.save(other, loaded.version());

        Versioned<ImageStream> result = new StreamUpdater(store)
                .update(loaded, imported("b", 1, "this writer"))
                .orElseThrow();

        assertThat(result.value().history("latest").items())
                .extracting(e -> e.image())
                .containsExactly(StoreFixtures.digest("b"), StoreFixtures.digest("a"));
        assertThat(store.load(name).orElseThrow().value()).isEqualTo(result.value());
    }

    @Test
    public void createIfMissingCreatesOnceAndLeavesAnExistingStreamAlone() throws Exception {
        JsonFileStore store = new JsonFileStore(tmp.getRoot().toPath());
        StreamUpdater updater = new StreamUpdater(store);
        ImageStream simple = StoreFixtures.simple(name);

        assertThat(updater.createIfMissing(name, simple.spec())).isTrue();
        long version = store.load(name).orElseThrow().version();
        assertThat(updater.createIfMissing(name, ImageStreamSpec.empty())).isFalse();

        Versioned<ImageStream> stored = store.load(name).orElseThrow();
        assertThat(stored.version()).isEqualTo(version);
        assertThat(stored.value().spec()).isEqualTo(simple.spec());
    }

    @Test
    public void updateOrCreateSavesAMissingStreamChangedInOneSave() throws Exception {
        JsonFileStore store = new JsonFileStore(tmp.getRoot().toPath());
        ImageStream fresh = ImageStream.create(name, ImageStreamSpec.empty());
        ImageStream simple = StoreFixtures.simple(name);

        Versioned<ImageStream> result = new StreamUpdater(store)
                .updateOrCreate(java.util.Optional.empty(), fresh, s -> s.withSpec(simple.spec()));

        assertThat(result.version()).as("created and changed in one save").isEqualTo(1);
        assertThat(store.load(name).orElseThrow()).isEqualTo(result);
        assertThat(result.value().spec().tags()).hasSameSizeAs(simple.spec().tags());
    }

    @Test
    public void updateOrCreateReappliesTheChangeToAStreamAnotherWriterCreatedFirst() throws Exception {
        JsonFileStore store = new JsonFileStore(tmp.getRoot().toPath());
        ImageStream fresh = ImageStream.create(name, ImageStreamSpec.empty());
        ImageStream theirs = imported("a", 0, "another writer").apply(StoreFixtures.simple(name));
        store.save(theirs, StreamStore.NEW);

        Versioned<ImageStream> result = new StreamUpdater(store)
                .updateOrCreate(java.util.Optional.empty(), fresh, imported("b", 1, "this writer"));

        assertThat(result.version()).isEqualTo(2);
        assertThat(result.value().history("latest").items())
                .extracting(e -> e.image())
                .containsExactly(StoreFixtures.digest("b"), StoreFixtures.digest("a"));
        assertThat(store.load(name).orElseThrow()).isEqualTo(result);
    }

    /** An import of the digest of {@code seed} into {@code latest}, {@code second}s after T0. */
    private static java.util.function.UnaryOperator<ImageStream> imported(String seed, int second, String cause) {
        return s -> s.recordImport(
                "latest",
                StoreFixtures.digest(seed),
                "localhost:5000/myapp@" + StoreFixtures.digest(seed),
                StoreFixtures.T0.plusSeconds(second),
                cause);
    }
}
