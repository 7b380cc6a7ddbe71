package io.jenkins.plugins.imagestreams.bench;

import io.jenkins.plugins.imagestreams.events.AliasFollower;
import io.jenkins.plugins.imagestreams.events.EventDispatcher;
import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.store.JsonFileStore;
import io.jenkins.plugins.imagestreams.store.StreamUpdater;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The store's share of one tag's change, as an import records it (load the stream, record the image, save by
 * compare-and-set, then the delivery run that follows a save, to the alias follower every service and watcher has):
 * in a store of 10,000 streams × 10 tags and in a store holding that stream alone. What a change costs should follow
 * its stream, not the store.
 */
final class TagChangeSuite implements Suite {
    private static final StreamName CHANGED = StreamName.of("team0", "app0");

    @Override
    public String name() {
        return "tag-change";
    }

    @Override
    public Comparison run(Path workDir, boolean quick) throws Exception {
        int streams = quick ? 1_000 : 10_000;
        int changes = quick ? 200 : 1_000;
        int rounds = quick ? 3 : 5;
        Path big = workDir.resolve("big");
        Path alone = workDir.resolve("alone");
        StoreLoadSuite.fill(new JsonFileStore(big), streams);
        StoreLoadSuite.fill(new JsonFileStore(alone), 1);
        Changer inBig = new Changer(new JsonFileStore(big));
        Changer inAlone = new Changer(new JsonFileStore(alone));
        inBig.change(changes); // warm-up: class loading, JIT, page cache
        inAlone.change(changes);
        List<Double> bigTimes = new ArrayList<>();
        List<Double> aloneTimes = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            aloneTimes.add(1000 * Timing.seconds(() -> inAlone.change(changes)) / changes);
            bigTimes.add(1000 * Timing.seconds(() -> inBig.change(changes)) / changes);
        }
        String setup = String.format(
                Locale.ROOT,
                "One tag of one stream (10 tags, 4 history entries each, as in the store load) gets %d new images in a"
                        + " row; each change loads the stream, records the image, saves it by compare-and-set and runs"
                        + " the delivery that follows a save (to the alias follower, which brings alias tags of other"
                        + " streams along). The same stream in a JsonFileStore of %d streams (%d"
                        + " tags) and in one of that stream alone; %d rounds; milliseconds per change.",
                changes,
                streams,
                streams * 10,
                rounds);
        return new Comparison(
                "tag-change",
                "A change of one tag in a large store",
                "ms",
                false,
                setup,
                List.of(
                        new Result("one change, the stream alone", aloneTimes, "a store holding only this stream"),
                        new Result(
                                "one change, " + streams + " streams",
                                bigTimes,
                                "the same stream among " + streams + " others")),
                List.of(new Target(
                        "a change costs the same among " + streams + " streams as alone (within 1.2×)",
                        "one change, " + streams + " streams",
                        "one change, the stream alone",
                        false,
                        1.2)));
    }

    /** Records new images on {@code CHANGED}'s first tag, as the importer does. */
    private static final class Changer {
        private final StreamUpdater updater;
        private final EventDispatcher dispatcher;
        private long next;

        Changer(JsonFileStore store) {
            this.updater = new StreamUpdater(store);
            this.dispatcher = new EventDispatcher(store, (message, e) -> {
                throw new IllegalStateException(message, e);
            });
            // the listener every service and watcher has: alias tags of other streams follow the change
            dispatcher.addListener(new AliasFollower(store, Clock.systemUTC(), dispatcher::deliverPending));
        }

        void change(int count) {
            for (int i = 0; i < count; i++) {
                Digest digest = Digest.sha256(("change " + next++).getBytes(StandardCharsets.UTF_8));
                updater.update(
                        CHANGED,
                        s -> s.recordImport(
                                "t0",
                                digest,
                                "registry.example.com:5000/team0/app0@" + digest,
                                Instant.now(),
                                "import"));
                dispatcher.deliverPending(CHANGED);
            }
        }
    }
}
