package io.jenkins.plugins.imagestreams.bench;

import io.jenkins.plugins.imagestreams.api.ImportResult;
import io.jenkins.plugins.imagestreams.api.ScheduledTag;
import io.jenkins.plugins.imagestreams.api.SchedulerSettings;
import io.jenkins.plugins.imagestreams.events.EventDispatcher;
import io.jenkins.plugins.imagestreams.importing.ImportScheduler;
import io.jenkins.plugins.imagestreams.importing.Importer;
import io.jenkins.plugins.imagestreams.importing.TagImporter;
import io.jenkins.plugins.imagestreams.metrics.Metrics;
import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.registry.RegistryClient;
import io.jenkins.plugins.imagestreams.store.JsonFileStore;
import io.jenkins.plugins.imagestreams.store.StreamStore;
import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.ImageStreamSpec;
import io.jenkins.plugins.imagestreams.stream.ImportPolicy;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import io.jenkins.plugins.imagestreams.stream.TagSpec;
import io.jenkins.plugins.imagestreams.testing.RegistryFixture;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One full pass of the {@link ImportScheduler} with the {@link Importer} and a {@link JsonFileStore} over every tag of
 * a local registry, against the floor of the registry client resolving the same references on as many threads.
 */
final class SchedulerPassSuite implements Suite {
    private static final int TAGS_PER_REPOSITORY = 100;
    static final int TAGS_PER_STREAM = 10;
    static final int CONCURRENCY = 8;
    private static final double HEAP_BUDGET_MIB = 256;

    @Override
    public String name() {
        return "scheduler-pass";
    }

    @Override
    public Comparison run(Path workDir, boolean quick) throws Exception {
        int repositories = quick ? 30 : 1000;
        int rounds = quick ? 2 : 3;
        try (RegistryFixture registry = RegistryFixture.plain().start();
                RegistryClient client = RegistryClient.builder().build()) {
            List<ImageReference> refs = TagPopulation.push(client, registry.host(), repositories, TAGS_PER_REPOSITORY);
            StreamStore store = new JsonFileStore(workDir.resolve("store"));
            List<ScheduledTag> tags = createStreams(store, refs);
            Importer importer = importer(client, store);
            ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
            List<Double> floor = new ArrayList<>();
            List<Double> steady = new ArrayList<>();
            double first;
            double peak = 0;
            double sampledPeak = 0;
            double absolutePeak = 0;
            try {
                first = pass(importer, tags, ImportResult.Changed.class);
                // the floor asks as the importer does: with the digest each tag had (If-None-Match)
                List<Optional<Digest>> known = DigestCheckSuite.known(client, refs);
                DigestCheckSuite.resolveConcurrently(client, refs, known, pool); // warm-up of the floor
                double[] heapPeak = {0, 0, 0};
                List<Contender> contenders = List.of(
                        () -> floor.add(
                                Timing.seconds(() -> DigestCheckSuite.resolveConcurrently(client, refs, known, pool))),
                        () -> {
                            double before = HeapMeter.liveMib();
                            try (HeapMeter meter = new HeapMeter()) {
                                steady.add(pass(importer, tags, ImportResult.Unchanged.class));
                                heapPeak[0] = Math.max(heapPeak[0], meter.peakMib() - before);
                                heapPeak[1] = Math.max(heapPeak[1], meter.peakAfterCollectionMib() - before);
                                heapPeak[2] = Math.max(heapPeak[2], meter.peakAfterCollectionMib());
                            }
                        });
                // each round starts with the next contender, so that none is always first or last in a round
                for (int round = 0; round < rounds; round++) {
                    for (int i = 0; i < contenders.size(); i++) {
                        contenders.get((round + i) % contenders.size()).run();
                    }
                }
                sampledPeak = heapPeak[0];
                peak = heapPeak[1];
                absolutePeak = heapPeak[2];
            } finally {
                pool.shutdownNow();
            }
            System.out.printf(
                    Locale.ROOT,
                    "bench: scheduler-pass: heap left after collections peaked %.1f MiB above the start during a pass"
                            + " (%.1f MiB in all; budget %.0f MiB: %s); used heap sampled with garbage peaked %.1f MiB"
                            + " above the start%n",
                    peak,
                    absolutePeak,
                    HEAP_BUDGET_MIB,
                    peak <= HEAP_BUDGET_MIB ? "met" : "NOT met",
                    sampledPeak);
            String setup = String.format(
                    Locale.ROOT,
                    "%d tags (%d repositories × %d) on one local registry (CNCF distribution, plain HTTP, loopback), "
                            + "in %d streams of %d tags in a JsonFileStore; scheduler at %d imports at once, rate "
                            + "limit out of the way. The first pass (every tag new: a save a stream) took %.1f s. A "
                            + "steady pass (nothing changed) is timed from scheduling to the last import; the heap left"
                            + " after collections peaked %.1f MiB above the start during it, %.1f MiB in all (budget"
                            + " %.0f MiB: %s; the used heap sampled every 20 ms, garbage included, peaked %.1f MiB above"
                            + " the start: how far G1 let the young generation grow under -Xmx1g). %d rounds, each starting"
                            + " with the next contender. What metrics cost this pass is measured in shorter rounds"
                            + " (metrics-overhead).",
                    refs.size(),
                    repositories,
                    TAGS_PER_REPOSITORY,
                    tags.size() / TAGS_PER_STREAM,
                    TAGS_PER_STREAM,
                    CONCURRENCY,
                    first,
                    peak,
                    absolutePeak,
                    HEAP_BUDGET_MIB,
                    peak <= HEAP_BUDGET_MIB ? "met" : "not met",
                    sampledPeak,
                    rounds);
            return new Comparison(
                    "scheduler-pass",
                    "One scheduler pass over every tag",
                    "s",
                    false,
                    setup,
                    List.of(
                            new Result(
                                    "client HEAD floor (8 threads)",
                                    floor,
                                    "RegistryClient.resolve of every reference with its known digest"
                                            + " (If-None-Match), on 8 threads"),
                            new Result(
                                    "scheduler pass",
                                    steady,
                                    "ImportScheduler + Importer + JsonFileStore, 8 imports at once, nothing changed")),
                    List.of(new Target(
                            "a pass within 1.2× of the client's concurrent HEAD floor",
                            "scheduler pass",
                            "client HEAD floor (8 threads)",
                            false,
                            1.2)));
        }
    }

    /** An importer of {@code store} through {@code client}, delivering events as the scheduler's does. */
    static Importer importer(RegistryClient client, StreamStore store) {
        EventDispatcher dispatcher = new EventDispatcher(store, (message, e) -> {});
        return new Importer(client, store, Clock.systemUTC(), dispatcher::deliverPending);
    }

    /** One contender's turn in a round: it runs and adds its measurement. */
    private interface Contender {
        void run() throws Exception;
    }

    /** One stream per {@value #TAGS_PER_STREAM} tags of a repository, every tag scheduled. */
    static List<ScheduledTag> createStreams(StreamStore store, List<ImageReference> refs) {
        List<ScheduledTag> tags = new ArrayList<>();
        for (int first = 0; first < refs.size(); first += TAGS_PER_STREAM) {
            StreamName name = StreamName.of("bench", "s" + first / TAGS_PER_STREAM);
            ImageStreamSpec spec = ImageStreamSpec.empty();
            for (ImageReference ref : refs.subList(first, Math.min(refs.size(), first + TAGS_PER_STREAM))) {
                spec = spec.withTag(TagSpec.of(
                                ref.repository().replace('/', '-') + "-"
                                        + ref.tag().orElseThrow(),
                                new TagSource.DockerImage(ref))
                        .withImportPolicy(ImportPolicy.DEFAULT.withScheduled(true)));
            }
            ImageStream stream = ImageStream.create(name, spec);
            store.save(stream, StreamStore.NEW);
            tags.addAll(ScheduledTag.of(stream));
        }
        return tags;
    }

    /**
     * Schedules every tag on a fresh scheduler (all due at once) and returns the seconds until the last import ended.
     *
     * @throws IllegalStateException if an import did not end as {@code expected}
     */
    static double pass(Importer importer, List<ScheduledTag> tags, Class<? extends ImportResult> expected)
            throws Exception {
        return pass(importer, tags, expected, Metrics.NONE);
    }

    /** As {@link #pass(Importer, List, Class)}, counting each import's result in {@code metrics} as a watcher does. */
    static double pass(
            Importer importer, List<ScheduledTag> tags, Class<? extends ImportResult> expected, Metrics metrics)
            throws Exception {
        CountDownLatch done = new CountDownLatch(tags.size());
        ConcurrentHashMap<String, String> wrong = new ConcurrentHashMap<>();
        TagImporter counting = new TagImporter() {
            @Override
            public ImportResult importTag(StreamName stream, String tag) {
                return importTags(stream, List.of(tag)).get(tag);
            }

            @Override
            public Map<String, ImportResult> importTags(StreamName stream, List<String> names) {
                Map<String, ImportResult> results = importer.importTags(stream, names);
                results.forEach((tag, result) -> {
                    metrics.imported(result);
                    if (!expected.isInstance(result)) {
                        wrong.putIfAbsent(stream + ":" + tag, result.toString());
                    }
                    done.countDown();
                });
                return results;
            }
        };
        SchedulerSettings settings = SchedulerSettings.DEFAULT
                .withInterval(Duration.ofHours(1))
                .withRateLimit(Integer.MAX_VALUE / 2, tags.size())
                .withMaxConcurrent(CONCURRENCY);
        ScheduledExecutorService executor = Executors.newScheduledThreadPool(CONCURRENCY + 1);
        try (ImportScheduler scheduler =
                new ImportScheduler(counting, settings, Clock.systemUTC(), executor, new Random(1))) {
            double seconds = Timing.seconds(() -> {
                scheduler.scheduleOnly(tags);
                done.await();
            });
            if (!wrong.isEmpty()) {
                throw new IllegalStateException(wrong.size() + " imports did not end as " + expected.getSimpleName()
                        + ", e.g. " + wrong.entrySet().iterator().next());
            }
            return seconds;
        } finally {
            executor.shutdownNow();
            executor.awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
