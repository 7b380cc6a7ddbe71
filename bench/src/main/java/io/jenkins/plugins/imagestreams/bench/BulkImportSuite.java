package io.jenkins.plugins.imagestreams.bench;

import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.registry.RegistryClient;
import io.jenkins.plugins.imagestreams.testing.RegistryFixture;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code imagestreams import-image --all} of a repository with many tags, as a user runs it (a fresh JVM through the
 * built launcher, a new store each round), against one curl process HEADing the same tags over a kept-alive
 * connection.
 */
final class BulkImportSuite implements Suite {
    private static final Path LAUNCHER = Path.of("cli/target/imagestreams");

    @Override
    public String name() {
        return "bulk-import";
    }

    @Override
    public Comparison run(Path workDir, boolean quick) throws Exception {
        if (!Files.isExecutable(LAUNCHER)) {
            throw new IllegalStateException(
                    LAUNCHER + " is missing: bench/run.sh builds it (./mvnw -pl cli -am package)");
        }
        int tags = quick ? 200 : 1000;
        int rounds = quick ? 2 : 9;
        String java = ProcessHandle.current().info().command().orElse("java");
        try (RegistryFixture registry = RegistryFixture.plain().start();
                RegistryClient client = RegistryClient.builder().build()) {
            List<ImageReference> refs = TagPopulation.push(client, registry.host(), 1, tags);
            List<URI> urls = new ArrayList<>();
            for (ImageReference ref : refs) {
                urls.add(URI.create("http://" + registry.host() + "/v2/" + ref.repository() + "/manifests/"
                        + ref.tag().orElseThrow()));
            }
            String repository = registry.host() + "/" + refs.get(0).repository();
            List<Double> curl = new ArrayList<>();
            List<Double> ours = new ArrayList<>();
            List<Double> oursCpu = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                // curl goes first in even rounds, last in odd ones, so that neither always meets a fresher registry
                if (round % 2 == 0) {
                    curl.add(Curl.headAll(urls, workDir));
                }
                Path store = Files.createDirectories(workDir.resolve("store-" + round));
                ProcessCost cost = ProcessCost.of(
                        List.of(
                                LAUNCHER.toRealPath().toString(),
                                "--store",
                                store.toString(),
                                "import-image",
                                "bulk/app",
                                "--from",
                                repository,
                                "--all",
                                "--max-tags",
                                Integer.toString(tags)),
                        Map.of("JAVA", java));
                ours.add(cost.wallSeconds());
                oursCpu.add(cost.cpuSeconds());
                if (round % 2 == 1) {
                    curl.add(Curl.headAll(urls, workDir));
                }
            }
            String setup = String.format(
                    "%d tags of one repository on a local registry (CNCF distribution, plain HTTP, loopback);"
                            + " %d rounds, curl and the import taking turns at going first. imagestreams import-image"
                            + " bulk/app --from REPO --all --max-tags %d through the launcher the build makes, a fresh"
                            + " JVM and a new store each round (JVM start included; its CPU: %.2f s per round); the"
                            + " floor is one curl process sending one HEAD"
                            + " per tag over a kept-alive connection. Seconds, wall.",
                    tags, rounds, tags, Stats.median(oursCpu));
            return new Comparison(
                    "bulk-import",
                    "Importing every tag of a repository",
                    "s",
                    false,
                    setup,
                    List.of(
                            new Result("curl, one HEAD per tag", curl, "one curl process, keep-alive, sequential"),
                            new Result(
                                    "imagestreams import-image --all",
                                    ours,
                                    "tags asked 8 at a time, every outcome saved in one save of the stream")),
                    List.of(new Target(
                            "import-image --all within 1.3× of one curl process HEADing the same tags",
                            "imagestreams import-image --all",
                            "curl, one HEAD per tag",
                            false,
                            1.3)));
        }
    }
}
