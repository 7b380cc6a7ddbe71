package io.jenkins.plugins.imagestreams.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs the benchmarks and writes {@code bench/results.md}, a chart per comparison, and each comparison's raw samples
 * as {@code bench/results/ID.json}, so that running one suite keeps the others' latest results in the report. The
 * counts of the fuzzing and hostile-input tests, kept in {@code bench/hostile-input.md}, close the report.
 *
 * <p>Usage: {@code BenchMain [--quick] [--out DIR] [SUITE...]}; no suite runs them all; {@code --report} only
 * writes the report again from the stored results.
 */
public final class BenchMain {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private BenchMain() {}

    static Map<String, Suite> suites() {
        Map<String, Suite> suites = new LinkedHashMap<>();
        for (Suite suite : List.of(
                new DigestCheckSuite(),
                new PromotionSuite(),
                new NotificationLatencySuite(),
                new StoreLoadSuite(),
                new SchedulerPassSuite(),
                new MetricsOverheadSuite(),
                new EvidenceSuite(),
                new OneShotSuite(),
                new ClusterStoreSuite(),
                new FailoverSuite(),
                new BulkImportSuite(),
                new TagChangeSuite())) {
            suites.put(suite.name(), suite);
        }
        return suites;
    }

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        boolean reportOnly = false;
        Path out = Path.of("bench");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--report" -> reportOnly = true;
                case "--out" -> out = Path.of(args[++i]);
                default -> names.add(args[i]);
            }
        }
        Map<String, Suite> suites = suites();
        if (names.isEmpty() && !reportOnly) {
            names.addAll(suites.keySet());
        }
        for (String name : names) {
            if (!suites.containsKey(name)) {
                System.err.println("bench: no suite '" + name + "'; expected one of " + suites.keySet());
                System.exit(2);
            }
        }
        Path results = out.resolve("results");
        Files.createDirectories(results);
        Path work = Files.createDirectories(out.resolve("work"));
        for (String name : names) {
            System.out.println("bench: running " + name + (quick ? " (quick)" : ""));
            Comparison comparison = suites.get(name).run(Files.createTempDirectory(work, name), quick);
            JSON.writeValue(results.resolve(comparison.id() + ".json").toFile(), comparison);
            Files.writeString(out.resolve(comparison.id() + ".svg"), SvgChart.render(comparison));
            for (Target target : comparison.targets()) {
                double ratio = comparison.ratio(target);
                System.out.printf(
                        "bench: %s: %s: %s× (%s)%n",
                        comparison.id(),
                        target.description(),
                        Report.number(ratio),
                        target.met(ratio) ? "met" : "NOT met");
            }
        }
        Path hostile = out.resolve("hostile-input.md");
        String proof = Files.exists(hostile) ? Files.readString(hostile) : "";
        Files.writeString(out.resolve("results.md"), Report.markdown(Machine.describe(), readAll(results)) + proof);
        System.out.println("bench: wrote " + out.resolve("results.md"));
    }

    private static List<Comparison> readAll(Path results) throws IOException {
        List<Comparison> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(results)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json"))
                    .sorted(Comparator.naturalOrder())
                    .toList()) {
                all.add(JSON.readValue(file.toFile(), Comparison.class));
            }
        }
        return all;
    }
}
