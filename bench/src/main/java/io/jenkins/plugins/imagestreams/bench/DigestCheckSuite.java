package io.jenkins.plugins.imagestreams.bench;

import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.registry.RegistryClient;
import io.jenkins.plugins.imagestreams.registry.RegistryException;
import io.jenkins.plugins.imagestreams.testing.RegistryFixture;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Digest checks per second on a local registry: this client sequentially and with 8 requests in flight, against curl
 * with keep-alive (the floor of one HEAD per check) and a loop of {@code skopeo inspect --raw} (what users script).
 */
final class DigestCheckSuite implements Suite {
    private static final int CONCURRENCY = 8;
    private static final String CURL = "curl keep-alive";
    private static final String CURL_PARALLEL_INM = "curl parallel (8), If-None-Match";
    private static final String SEQUENTIAL = "client sequential";
    private static final String CONCURRENT = "client concurrent (8)";

    @Override
    public String name() {
        return "digest-check";
    }

    @Override
    public Comparison run(Path workDir, boolean quick) throws Exception {
        int repositories = quick ? 20 : 200;
        int tagsPerRepository = 10;
        int rounds = quick ? 3 : 9;
        Duration warmup = Duration.ofSeconds(quick ? 10 : 45);
        int skopeoChecks = quick ? 10 : 50;
        try (RegistryFixture registry = RegistryFixture.plain().start();
                RegistryClient client = RegistryClient.builder().build()) {
            List<ImageReference> tags = TagPopulation.push(client, registry.host(), repositories, tagsPerRepository);
            List<URI> urls = tags.stream()
                    .map(t -> URI.create(registry.url() + "/v2/" + t.repository() + "/manifests/" + t.identifier()))
                    .toList();
            List<String> skopeoRefs = tags.subList(0, skopeoChecks).stream()
                    .map(t -> t.registry() + "/" + t.repository() + ":" + t.identifier())
                    .toList();
            ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
            CpuMeter cpu = new CpuMeter(registry.processHandle());
            int warmupRounds;
            List<Double> curl = new ArrayList<>();
            List<Double> curlParallel = new ArrayList<>();
            List<Double> curlIfNoneMatch = new ArrayList<>();
            List<Double> curlParallelIfNoneMatch = new ArrayList<>();
            List<Double> plain = new ArrayList<>();
            List<Double> sequential = new ArrayList<>();
            List<Double> concurrent = new ArrayList<>();
            List<Double> skopeo = new ArrayList<>();
            try {
                List<Optional<Digest>> none =
                        tags.stream().map(t -> Optional.<Digest>empty()).toList();
                warmupRounds = Warmup.run(warmup, () -> {
                    resolveAll(client, tags, none);
                    resolveConcurrently(client, tags, none, pool);
                });
                // what a poller knows from its previous pass: each tag's digest
                List<Optional<Digest>> known = known(client, tags);
                List<String> etags =
                        known.stream().map(d -> d.orElseThrow().toString()).toList();
                int n = tags.size();
                for (int round = 0; round < rounds; round++) {
                    curl.add(n / cpu.measure(CURL, n, () -> Curl.headAll(urls, workDir)));
                    curlParallel.add(n / Curl.headAll(urls, List.of(), workDir, CONCURRENCY));
                    curlIfNoneMatch.add(n / Curl.headAll(urls, etags, workDir, 1));
                    curlParallelIfNoneMatch.add(n
                            / cpu.measure(CURL_PARALLEL_INM, n, () -> Curl.headAll(urls, etags, workDir, CONCURRENCY)));
                    plain.add(n / Timing.seconds(() -> resolveAll(client, tags, none)));
                    sequential.add(n / cpu.measure(SEQUENTIAL, n, () -> resolveAll(client, tags, known)));
                    concurrent.add(
                            n / cpu.measure(CONCURRENT, n, () -> resolveConcurrently(client, tags, known, pool)));
                    skopeo.add(skopeoChecks / Skopeo.inspectAll(skopeoRefs));
                }
            } finally {
                pool.shutdownNow();
            }
            String setup = String.format(
                    "%d tags across %d repositories on one local registry (CNCF distribution, plain HTTP, loopback); "
                            + "%d rounds, each contender checks every tag once per round (skopeo: %d tags), taking "
                            + "turns within the round. A check is one HEAD. The client sends the digest it knows from "
                            + "the previous check as If-None-Match, as the importer does, and the registry answers "
                            + "304 without reading the manifest while the tag stays; curl is measured with plain HEADs "
                            + "(the floor the goals name) and with the same If-None-Match. Before the rounds the "
                            + "client checked every tag %d times sequentially and %d times concurrently (%d s), so "
                            + "that it is measured compiled, as in a long-running controller.",
                    tags.size(), repositories, rounds, skopeoChecks, warmupRounds, warmupRounds, warmup.toSeconds());
            setup += cpuPerCheck(cpu);
            return new Comparison(
                    "digest-check",
                    "Digest checks per second",
                    "checks/s",
                    true,
                    setup,
                    List.of(
                            new Result(CURL, curl, "one curl process, one HEAD per check, sequential"),
                            new Result(
                                    "curl keep-alive parallel (8)",
                                    curlParallel,
                                    "one curl process, --parallel-max 8, plain HEADs"),
                            new Result(
                                    "curl keep-alive, If-None-Match",
                                    curlIfNoneMatch,
                                    "the same HEADs as the client's, each with the known digest: every answer 304"),
                            new Result(
                                    CURL_PARALLEL_INM,
                                    curlParallelIfNoneMatch,
                                    "the same, --parallel-max 8: what the registry serves at most here"),
                            new Result(
                                    "client sequential, plain HEAD",
                                    plain,
                                    "RegistryClient.resolve without a known digest, one thread"),
                            new Result(
                                    SEQUENTIAL,
                                    sequential,
                                    "RegistryClient.resolve with the known digest (If-None-Match), one thread"),
                            new Result(CONCURRENT, concurrent, "the same on 8 threads, per-registry limit 8"),
                            new Result("skopeo inspect loop", skopeo, "one skopeo inspect --raw process per check")),
                    List.of(
                            new Target(
                                    "sequential: time per check within 1.3× of curl keep-alive",
                                    CURL,
                                    SEQUENTIAL,
                                    false,
                                    1.3),
                            new Target("concurrent: at least 2× curl's sequential rate", CONCURRENT, CURL, true, 2.0),
                            new Target(
                                    "sequential, like for like: within 1.3× of curl sending the same If-None-Match",
                                    "curl keep-alive, If-None-Match",
                                    SEQUENTIAL,
                                    false,
                                    1.3),
                            new Target(
                                    "concurrent: within 1.3× of curl's parallel rate with If-None-Match (what"
                                            + " the registry serves at most here)",
                                    CURL_PARALLEL_INM,
                                    CONCURRENT,
                                    false,
                                    1.3),
                            new Target(
                                    "the same goal for curl: whether the registry on these cores lets any client"
                                            + " check 2× as fast with 8 in flight as curl does with one",
                                    CURL_PARALLEL_INM,
                                    CURL,
                                    true,
                                    2.0),
                            new Target("at least 10× the skopeo loop", SEQUENTIAL, "skopeo inspect loop", true, 10.0)));
        }
    }

    /** What each check cost the registry and the whole machine: the registry's cost told from the client's. */
    private static String cpuPerCheck(CpuMeter cpu) {
        StringBuilder text = new StringBuilder(" CPU per check, medians in µs (machine: all cores, the registry"
                + " and the kernel included; registry: its process alone):");
        for (String contender : List.of(CURL, CURL_PARALLEL_INM, SEQUENTIAL, CONCURRENT)) {
            text.append(String.format(
                    " %s %.0f machine, %.0f registry;",
                    contender, cpu.machineMicros(contender), cpu.registryMicros(contender)));
        }
        text.setLength(text.length() - 1);
        return text.append(". The registry shares the cores with every contender.")
                .toString();
    }

    private static void resolveAll(RegistryClient client, List<ImageReference> tags, List<Optional<Digest>> known)
            throws RegistryException {
        for (int i = 0; i < tags.size(); i++) {
            client.resolve(tags.get(i), known.get(i));
        }
    }

    /** Each reference's digest now: what a poller knows from its previous pass. */
    static List<Optional<Digest>> known(RegistryClient client, List<ImageReference> refs) throws RegistryException {
        List<Optional<Digest>> known = new ArrayList<>(refs.size());
        for (ImageReference ref : refs) {
            known.add(Optional.of(client.resolve(ref)));
        }
        return known;
    }

    /** Resolves every reference, naming its known digest, on {@code pool}; returns when all are done. */
    static void resolveConcurrently(
            RegistryClient client, List<ImageReference> tags, List<Optional<Digest>> known, ExecutorService pool)
            throws Exception {
        List<Future<?>> futures = new ArrayList<>(tags.size());
        for (int i = 0; i < tags.size(); i++) {
            ImageReference tag = tags.get(i);
            Optional<Digest> digest = known.get(i);
            futures.add(pool.submit(() -> client.resolve(tag, digest)));
        }
        for (Future<?> future : futures) {
            future.get();
        }
    }
}
