package io.jenkins.plugins.imagestreams.bench;

import io.jenkins.plugins.imagestreams.api.ImportResult;
import io.jenkins.plugins.imagestreams.api.ScheduledTag;
import io.jenkins.plugins.imagestreams.importing.Importer;
import io.jenkins.plugins.imagestreams.metrics.Metrics;
import io.jenkins.plugins.imagestreams.metrics.MicrometerMetrics;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.registry.RegistryClient;
import io.jenkins.plugins.imagestreams.store.JsonFileStore;
import io.jenkins.plugins.imagestreams.store.StreamStore;
import io.jenkins.plugins.imagestreams.testing.RegistryFixture;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What metrics cost a scheduler pass: the same steady pass (nothing changed) with and without counting every registry
 * request and import into a Prometheus registry, in many short rounds that alternate which goes first, so that both
 * see the same machine: over the minutes a long pass takes, this machine's speed drifts by more than the difference.
 */
final class MetricsOverheadSuite implements Suite {
    private static final int TAGS_PER_REPOSITORY = 100;
    private static final int WARM_UP_PASSES = 2;

    @Override
    public String name() {
        return "metrics-overhead";
    }

    @Override
    public Comparison run(Path workDir, boolean quick) throws Exception {
        int repositories = quick ? 10 : 100;
        int rounds = quick ? 3 : 9;
        try (RegistryFixture registry = RegistryFixture.plain().start();
                RegistryClient plain = RegistryClient.builder().build()) {
            List<ImageReference> refs = TagPopulation.push(plain, registry.host(), repositories, TAGS_PER_REPOSITORY);
            StreamStore store = new JsonFileStore(workDir.resolve("store"));
            List<ScheduledTag> tags = SchedulerPassSuite.createStreams(store, refs);
            PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            Metrics metrics = new MicrometerMetrics(prometheus, Clock.systemUTC());
            try (RegistryClient counted =
                    RegistryClient.builder().metrics(metrics).build()) {
                Importer importer = SchedulerPassSuite.importer(plain, store);
                Importer countedImporter = SchedulerPassSuite.importer(counted, store);
                double first = SchedulerPassSuite.pass(importer, tags, ImportResult.Changed.class);
                for (int i = 0; i < WARM_UP_PASSES; i++) {
                    SchedulerPassSuite.pass(importer, tags, ImportResult.Unchanged.class);
                    SchedulerPassSuite.pass(countedImporter, tags, ImportResult.Unchanged.class, metrics);
                }
                List<Double> without = new ArrayList<>();
                List<Double> with = new ArrayList<>();
                for (int round = 0; round < rounds; round++) {
                    boolean withFirst = round % 2 == 1;
                    if (withFirst) {
                        with.add(SchedulerPassSuite.pass(countedImporter, tags, ImportResult.Unchanged.class, metrics));
                    }
                    without.add(SchedulerPassSuite.pass(importer, tags, ImportResult.Unchanged.class));
                    if (!withFirst) {
                        with.add(SchedulerPassSuite.pass(countedImporter, tags, ImportResult.Unchanged.class, metrics));
                    }
                }
                String scrape = prometheus.scrape();
                if (!scrape.contains("imagestreams_imports_total")
                        || !scrape.contains("imagestreams_registry_requests_total")) {
                    throw new IllegalStateException("the pass with metrics did not count imports and requests");
                }
                String setup = String.format(
                        Locale.ROOT,
                        "%d tags (%d repositories × %d) on one local registry (CNCF distribution, plain HTTP,"
                                + " loopback), in %d streams of %d tags in a JsonFileStore; scheduler at %d imports at"
                                + " once, as in the scheduler pass over 100,000 tags. The first pass (every tag new)"
                                + " took %.1f s; then %d warm-up passes of each, and %d rounds of one steady pass each,"
                                + " which goes first alternating from round to round. The pass with metrics runs on its"
                                + " own client, counting every registry request and import into a Prometheus registry"
                                + " (what watch --metrics serves).",
                        refs.size(),
                        repositories,
                        TAGS_PER_REPOSITORY,
                        tags.size() / SchedulerPassSuite.TAGS_PER_STREAM,
                        SchedulerPassSuite.TAGS_PER_STREAM,
                        SchedulerPassSuite.CONCURRENCY,
                        first,
                        WARM_UP_PASSES,
                        rounds);
                return new Comparison(
                        "metrics-overhead",
                        "What metrics cost a scheduler pass",
                        "s",
                        false,
                        setup,
                        List.of(
                                new Result(
                                        "scheduler pass",
                                        without,
                                        "ImportScheduler + Importer + JsonFileStore, nothing changed"),
                                new Result(
                                        "scheduler pass with metrics",
                                        with,
                                        "the same pass counting every registry request and import into a Prometheus"
                                                + " registry")),
                        List.of(new Target(
                                "metrics cost a pass at most 5%",
                                "scheduler pass with metrics", "scheduler pass", false, 1.05)));
            }
        }
    }
}
