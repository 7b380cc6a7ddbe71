package io.jenkins.plugins.imagestreams.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.Versioned;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.Test;

/**
 * What every {@link StreamStore} promises, run against each implementation: its subclasses give a store and a second
 * one on the same storage, as two processes would have.
 */
public abstract class StreamStoreContract {
    /** A store; each call in one test gives a store on the same storage. */
    protected abstract StreamStore store();

    /** A second store on the same storage, as another process has it. */
    protected abstract StreamStore anotherStore();

    /** The namespace the contract calls {@code base}; a shared cluster gives each run names of its own. */
    protected String ns(String base) {
        return base;
    }

    /**
     * What {@code read} gives once it gives {@code expected}, or after 5 s: a store that reads from a cache kept by a
     * watch sees another store's last save a moment later.
     */
    private static <T> T eventually(Supplier<T> read, T expected) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(5));
        T value = read.get();
        while (!value.equals(expected) && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
            value = read.get();
        }
        return value;
    }

    @Test
    public void everyFieldSurvivesARoundTripUnderTheVersionTheSaveReturned() {
        StreamStore store = store();
        ImageStream stream = StoreFixtures.everyField();

        long version = store.save(stream, StreamStore.NEW);

        Versioned<ImageStream> loaded = store.load(stream.name()).orElseThrow();
        assertThat(loaded.version()).isEqualTo(version).isPositive();
        assertThat(loaded.value()).isEqualTo(stream);
        assertThat(store.load(StreamName.of(ns("team-a"), "nothing-here"))).isEmpty();
    }

    @Test
    public void eachSaveGivesANewerVersion() {
        StreamStore store = store();
        StreamName name = StreamName.of(ns("app-dev"), "app");
        long first = store.save(StoreFixtures.simple(name), StreamStore.NEW);
        ImageStream changed = StoreFixtures.simple(name).withoutTag("latest");

        long second = store.save(changed, first);

        assertThat(second).isGreaterThan(first);
        assertThat(store.load(name).orElseThrow()).isEqualTo(new Versioned<>(changed, second));
    }

    @Test
    public void aSaveOverAStaleVersionIsAConflictAndChangesNothing() {
        StreamStore first = store();
        StreamStore second = anotherStore();
        StreamName name = StreamName.of(ns("app-dev"), "stale");
        long created = first.save(StoreFixtures.simple(name), StreamStore.NEW);
        long changed = first.save(StoreFixtures.simple(name).withoutTag("latest"), created);

        assertThatThrownBy(() -> second.save(StoreFixtures.simple(name), created))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("app-dev/stale")
                .hasMessageContaining("expected version " + created);
        assertThat(first.load(name).orElseThrow().version()).isEqualTo(changed);
        assertThat(first.load(name).orElseThrow().value().specTag("latest")).isEmpty();
    }

    @Test
    public void creatingAStreamThatExistsIsAConflict() {
        StreamStore store = store();
        StreamName name = StreamName.of(ns("app-dev"), "twice");
        store.save(StoreFixtures.simple(name), StreamStore.NEW);

        assertThatThrownBy(() -> anotherStore().save(StoreFixtures.simple(name), StreamStore.NEW))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    public void deleteNeedsTheCurrentVersionAndThenTheStreamIsGone() {
        StreamStore store = store();
        StreamName name = StreamName.of(ns("app-dev"), "doomed");
        long created = store.save(StoreFixtures.simple(name), StreamStore.NEW);
        long changed = store.save(StoreFixtures.simple(name).withoutTag("latest"), created);

        assertThatThrownBy(() -> store.delete(name, created)).isInstanceOf(ConflictException.class);
        store.delete(name, changed);

        assertThat(store.load(name)).isEmpty();
        assertThat(store.list()).doesNotContain(name);
        assertThat(store.save(StoreFixtures.simple(name), StreamStore.NEW)).isPositive();
    }

    @Test
    public void listIsSortedByNamespaceThenName() {
        StreamStore store = store();
        List<StreamName> names = List.of(
                StreamName.of(ns("app-prod"), "b"),
                StreamName.of(ns("app-dev"), "z"),
                StreamName.of(ns("app-prod"), "a"));
        for (StreamName name : names) {
            store.save(StoreFixtures.simple(name), StreamStore.NEW);
        }

        assertThat(store.list())
                .containsSubsequence(
                        StreamName.of(ns("app-dev"), "z"),
                        StreamName.of(ns("app-prod"), "a"),
                        StreamName.of(ns("app-prod"), "b"));
    }

    @Test
    public void concurrentUpdatesThroughTwoStoresLoseNothing() throws Exception {
        StreamName name = StreamName.of(ns("app-dev"), "counter");
        store().save(StoreFixtures.simple(name), StreamStore.NEW);
        int limit = StoreFixtures.simple(name).spec().historyLimit();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            StreamUpdater updater = new StreamUpdater(w % 2 == 0 ? store() : anotherStore());
            writers.add(pool.submit(() -> {
                for (int i = 0; i < 10; i++) {
                    updater.update(
                            name,
                            s -> s.withSpec(s.spec().withHistoryLimit(s.spec().historyLimit() + 1)));
                }
                return null;
            }));
        }
        for (Future<?> writer : writers) {
            writer.get();
        }
        pool.shutdown();

        assertThat(eventually(
                        () -> anotherStore()
                                .load(name)
                                .orElseThrow()
                                .value()
                                .spec()
                                .historyLimit(),
                        limit + 40))
                .isEqualTo(limit + 40);
    }
}
