package io.jenkins.plugins.imagestreams.bench;

import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.jenkins.plugins.imagestreams.api.ImportResult;
import io.jenkins.plugins.imagestreams.api.ScheduledTag;
import io.jenkins.plugins.imagestreams.cluster.KubernetesStreamStore;
import io.jenkins.plugins.imagestreams.events.EventDispatcher;
import io.jenkins.plugins.imagestreams.importing.Importer;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.registry.RegistryClient;
import io.jenkins.plugins.imagestreams.store.JsonFileStore;
import io.jenkins.plugins.imagestreams.store.StreamStore;
import io.jenkins.plugins.imagestreams.testing.RegistryFixture;
import io.jenkins.plugins.imagestreams.testing.kubernetes.CrudKubernetesServer;
import io.jenkins.plugins.imagestreams.testing.kubernetes.ImageStreamDefinition;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A steady scheduler pass with the streams in a cluster (fabric8's mock API server in CRUD mode, on loopback) against
 * the same pass with the streams in files, and the API requests such a pass makes: reads come from the watch's cache,
 * so a pass in which nothing changed should make none.
 */
final class ClusterStoreSuite implements Suite {
    private static final int TAGS_PER_REPOSITORY = 100;

    @Override
    public String name() {
        return "cluster-store";
    }

    @Override
    public Comparison run(Path workDir, boolean quick) throws Exception {
        int repositories = quick ? 5 : 300;
        int rounds = quick ? 2 : 3;
        try (CrudKubernetesServer server = CrudKubernetesServer.started(false);
                RegistryFixture registry = RegistryFixture.plain().start();
                RegistryClient client = RegistryClient.builder().build()) {
            NamespacedKubernetesClient kubernetes = server.client();
            ImageStreamDefinition.install(kubernetes);
            List<ImageReference> refs = TagPopulation.push(client, registry.host(), repositories, TAGS_PER_REPOSITORY);
            StreamStore files = new JsonFileStore(workDir.resolve("store"));
            List<Double> filePasses = steadyPasses(files, client, refs, rounds);
            List<Double> clusterPasses;
            int requests;
            try (KubernetesStreamStore cluster = KubernetesStreamStore.open(kubernetes)) {
                clusterPasses = steadyPasses(cluster, client, refs, rounds);
                server.takeRequests();
                SchedulerPassSuite.pass(importer(cluster, client), scheduled(cluster), ImportResult.Unchanged.class);
                requests = server.takeRequests().size();
            }
            System.out.printf(
                    Locale.ROOT,
                    "bench: cluster-store: API requests during a steady pass over %d tags: %d%n",
                    refs.size(),
                    requests);
            String setup = String.format(
                    Locale.ROOT,
                    "%d tags (%d repositories × %d) on one local registry (CNCF distribution, plain HTTP, loopback),"
                            + " in %d streams of 10 tags; the same steady scheduler pass (nothing changed, 8 imports at"
                            + " once) with the streams in a JsonFileStore and in a KubernetesStreamStore on fabric8's"
                            + " mock API server (CRUD mode, plain HTTP, loopback), after a first pass that created"
                            + " every history. API requests counted by the mock server during one more steady pass"
                            + " with the cluster store: %d (%.2f per tag). %d rounds; seconds.",
                    refs.size(),
                    repositories,
                    TAGS_PER_REPOSITORY,
                    refs.size() / 10,
                    requests,
                    requests / (double) refs.size(),
                    rounds);
            return new Comparison(
                    "cluster-store",
                    "Scheduler pass with the streams in a cluster",
                    "s",
                    false,
                    setup,
                    List.of(
                            new Result("pass, file store", filePasses, "JsonFileStore"),
                            new Result(
                                    "pass, cluster store",
                                    clusterPasses,
                                    "KubernetesStreamStore: reads from the watch's cache, no save when nothing"
                                            + " changed; " + requests + " API requests in a pass")),
                    List.of(new Target(
                            "a pass with the cluster store within 1.3× of the same pass with files",
                            "pass, cluster store",
                            "pass, file store",
                            false,
                            1.3)));
        }
    }

    private static Importer importer(StreamStore store, RegistryClient client) {
        EventDispatcher dispatcher = new EventDispatcher(store, (message, e) -> {});
        return new Importer(client, store, Clock.systemUTC(), dispatcher::deliverPending);
    }

    private static List<ScheduledTag> scheduled(StreamStore store) {
        List<ScheduledTag> tags = new ArrayList<>();
        for (var name : store.list()) {
            tags.addAll(ScheduledTag.of(store.load(name).orElseThrow().value()));
        }
        return tags;
    }

    /** Creates the streams, runs the first pass (every tag new), then {@code rounds} steady passes, timed. */
    private static List<Double> steadyPasses(
            StreamStore store, RegistryClient client, List<ImageReference> refs, int rounds) throws Exception {
        List<ScheduledTag> tags = SchedulerPassSuite.createStreams(store, refs);
        Importer importer = importer(store, client);
        SchedulerPassSuite.pass(importer, tags, ImportResult.Changed.class);
        List<Double> passes = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            passes.add(SchedulerPassSuite.pass(importer, tags, ImportResult.Unchanged.class));
        }
        return passes;
    }
}
