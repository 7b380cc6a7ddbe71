package io.jenkins.plugins.imagestreams.bench;

import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.store.JsonFileStore;
import io.jenkins.plugins.imagestreams.store.StreamStore;
import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.ImageStreamSpec;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import io.jenkins.plugins.imagestreams.stream.TagSpec;
import io.jenkins.plugins.imagestreams.stream.Versioned;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Loading every stream of a {@link JsonFileStore} ({@code list()} and {@code load()} each, as a controller does at
 * start-up), against the floor of reading the same files' bytes, with the heap it takes to hold them all.
 */
final class StoreLoadSuite implements Suite {
    private static final int TAGS = 10;
    private static final int HISTORY = 4;
    /** Heap budget for holding the loaded streams: 3 KiB per tag of {@value #HISTORY} history entries. */
    private static final double HEAP_BUDGET_KIB_PER_TAG = 3;

    @Override
    public String name() {
        return "store";
    }

    @Override
    public Comparison run(Path workDir, boolean quick) throws Exception {
        int streams = quick ? 1_000 : 10_000;
        int rounds = quick ? 3 : 5;
        Path root = workDir.resolve("store");
        JsonFileStore store = new JsonFileStore(root);
        fill(store, streams);
        List<Path> files = store.list().stream().map(store::pathOf).toList();
        long bytes = 0;
        for (Path file : files) {
            bytes += Files.size(file);
        }
        loadAll(new JsonFileStore(root)); // warm-up: class loading, JIT, page cache
        readAll(files);
        List<Double> floor = new ArrayList<>();
        List<Double> load = new ArrayList<>();
        List<Double> again = new ArrayList<>();
        measure(root, files, rounds, floor, load, again);
        double before = HeapMeter.liveMib();
        double peak;
        double live;
        try (HeapMeter meter = new HeapMeter()) {
            List<Versioned<ImageStream>> held = loadAll(new JsonFileStore(root));
            peak = meter.peakMib() - before;
            live = HeapMeter.liveMib() - before;
            if (held.size() != streams) {
                throw new IllegalStateException("loaded " + held.size() + " of " + streams + " streams");
            }
        }
        double budget = streams * TAGS * HEAP_BUDGET_KIB_PER_TAG / 1024;
        System.out.printf(
                Locale.ROOT,
                "bench: store: holding %d streams takes %.1f MiB live (budget %.0f MiB: %s), peak %.1f MiB%n",
                streams,
                live,
                budget,
                live <= budget ? "met" : "NOT met",
                peak);
        String setup = String.format(
                Locale.ROOT,
                "%d streams × %d tags × %d history entries in a JsonFileStore (%.1f MiB of JSON in %d files); %d "
                        + "rounds each. Holding every loaded stream takes %.1f MiB of live heap (budget %.0f MiB, "
                        + "%.0f KiB per tag: %s); the used heap peaked %.1f MiB above the start while loading.",
                streams,
                TAGS,
                HISTORY,
                bytes / 1024.0 / 1024.0,
                files.size(),
                rounds,
                live,
                budget,
                HEAP_BUDGET_KIB_PER_TAG,
                live <= budget ? "met" : "not met",
                peak);
        return new Comparison(
                "store",
                "Loading every stream of the store",
                "ms",
                false,
                setup,
                List.of(
                        new Result("Files.readAllBytes", floor, "the same files' bytes, no parsing: the floor"),
                        new Result(
                                "JsonFileStore list + load",
                                load,
                                String.format(
                                        Locale.ROOT,
                                        "a fresh store: every file parsed into ImageStream records; %.1f MiB live",
                                        live)),
                        new Result(
                                "JsonFileStore list + load again",
                                again,
                                "the same store once more, files unchanged: each read and checksummed, none parsed")),
                List.of(new Target(
                        "load within 10× of reading the bytes",
                        "JsonFileStore list + load",
                        "Files.readAllBytes",
                        false,
                        10.0)));
    }

    /** Times each round's three contenders; the store that loads again is dropped on return. */
    private static void measure(
            Path root, List<Path> files, int rounds, List<Double> floor, List<Double> load, List<Double> again)
            throws Exception {
        JsonFileStore running = new JsonFileStore(root);
        loadAll(running);
        for (int round = 0; round < rounds; round++) {
            floor.add(1000 * Timing.seconds(() -> readAll(files)));
            // a fresh store each round, as at a controller's start: every file is parsed
            load.add(1000 * Timing.seconds(() -> loadAll(new JsonFileStore(root))));
            // a store that loaded them before, as in a scheduler pass: unchanged files are hashed, not parsed
            again.add(1000 * Timing.seconds(() -> loadAll(running)));
        }
    }

    /** Saves {@code count} streams of {@value #TAGS} tags, each with {@value #HISTORY} history entries. */
    static void fill(StreamStore store, int count) {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        for (int s = 0; s < count; s++) {
            ImageStreamSpec spec = ImageStreamSpec.empty();
            String repository = "registry.example.com:5000/team" + (s % 50) + "/app" + s;
            for (int t = 0; t < TAGS; t++) {
                spec = spec.withTag(
                        TagSpec.of("t" + t, new TagSource.DockerImage(ImageReference.parse(repository + ":t" + t))));
            }
            ImageStream stream = ImageStream.create(StreamName.of("team" + (s % 50), "app" + s), spec);
            for (int t = 0; t < TAGS; t++) {
                for (int h = 0; h < HISTORY; h++) {
                    Digest digest = Digest.sha256((s + "/" + t + "/" + h).getBytes(StandardCharsets.UTF_8));
                    stream = stream.recordImport(
                            "t" + t, digest, repository + "@" + digest, t0.plusSeconds(h * 60L), "import");
                }
            }
            store.save(stream, StreamStore.NEW);
        }
    }

    private static List<Versioned<ImageStream>> loadAll(StreamStore store) {
        List<Versioned<ImageStream>> all = new ArrayList<>();
        for (StreamName name : store.list()) {
            all.add(store.load(name).orElseThrow());
        }
        return all;
    }

    private static long readAll(List<Path> files) throws Exception {
        long total = 0;
        for (Path file : files) {
            total += Files.readAllBytes(file).length;
        }
        return total;
    }
}
