package io.jenkins.plugins.imagestreams.bench;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.jenkins.plugins.imagestreams.cluster.KubernetesLeadership;
import io.jenkins.plugins.imagestreams.cluster.KubernetesStreamStore;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.registry.RegistryClient;
import io.jenkins.plugins.imagestreams.testing.RegistryFixture;
import io.jenkins.plugins.imagestreams.testing.kubernetes.CrudKubernetesServer;
import io.jenkins.plugins.imagestreams.testing.kubernetes.ImageStreamDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Failover of the scheduled imports between {@code imagestreams watch} processes sharing a Kubernetes store (fabric8's
 * mock API server on loopback): the process holding the scheduler Lease is killed with SIGKILL, and the time until
 * another process runs a scheduled import is measured, against the bound the Lease's timing gives (lease duration
 * plus 2 s).
 */
final class FailoverSuite implements Suite {
    private static final Path LAUNCHER = Path.of("cli/target/imagestreams");
    private static final String NAMESPACE = "bench";
    private static final double BOUND_SECONDS =
            KubernetesLeadership.Timing.DEFAULT.leaseDuration().toSeconds() + 2.0;

    @Override
    public String name() {
        return "failover";
    }

    @Override
    public Comparison run(Path workDir, boolean quick) throws Exception {
        if (!Files.isExecutable(LAUNCHER)) {
            throw new IllegalStateException(
                    LAUNCHER + " is missing: bench/run.sh builds it (./mvnw -pl cli -am package)");
        }
        int rounds = quick ? 2 : 5;
        List<Process> watches = new ArrayList<>();
        try (CrudKubernetesServer server = CrudKubernetesServer.started(false);
                RegistryFixture registry = RegistryFixture.plain().start();
                RegistryClient client = RegistryClient.builder().build()) {
            NamespacedKubernetesClient kubernetes = server.client();
            ImageStreamDefinition.install(kubernetes);
            List<ImageReference> refs = TagPopulation.push(client, registry.host(), 5, 10);
            try (KubernetesStreamStore store = KubernetesStreamStore.open(kubernetes, Optional.of(NAMESPACE))) {
                SchedulerPassSuite.createStreams(store, refs);
            }
            Path kubeconfig = workDir.resolve("kubeconfig");
            server.writeKubeconfig(kubeconfig, NAMESPACE);
            Map<String, String> env = Map.of(
                    "JAVA", ProcessHandle.current().info().command().orElse("java"),
                    "IMAGESTREAMS_HOME", workDir.resolve("home").toString(),
                    "IMAGESTREAMS_JAVA_OPTS", "-Dkubeconfig=" + kubeconfig);
            List<Path> logs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Path log = workDir.resolve("watch-" + logs.size() + ".log");
                watches.add(start(env, log));
                logs.add(log);
            }
            List<Double> failovers = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                String leader = waitForLeader(kubernetes, Optional.empty());
                Process killed = watches.stream()
                        .filter(p -> leader.contains("/" + p.pid() + "@"))
                        .findFirst()
                        .orElseThrow(() -> new IllegalStateException("the Lease holder " + leader + " is no watch"));
                int index = watches.indexOf(killed);
                List<Integer> printedBefore = new ArrayList<>();
                for (Path log : logs) {
                    printedBefore.add(Files.readAllLines(log).size());
                }
                killed.destroyForcibly();
                killed.waitFor();
                long killedAt = System.nanoTime();
                double seconds = waitForScheduledImport(logs, printedBefore, index, killedAt);
                failovers.add(seconds);
                System.out.printf(
                        Locale.ROOT,
                        "bench: failover: round %d: scheduled imports again %.2f s after SIGKILL%n",
                        round + 1,
                        seconds);
                Path log = workDir.resolve("watch-" + logs.size() + ".log");
                watches.set(index, start(env, log));
                logs.set(index, log);
                waitForLeader(kubernetes, Optional.of(leader));
            }
            String setup = String.format(
                    Locale.ROOT,
                    "Two imagestreams watch processes (--store k8s://mock/%s, -v, --interval 10s) through the built"
                            + " launcher, sharing %d scheduled tags in %d streams on fabric8's mock API server (CRUD"
                            + " mode, plain HTTP, loopback) and one local registry; Lease %s timing %s. Each round the"
                            + " Lease holder is killed with SIGKILL and a new process started after the measurement;"
                            + " measured: SIGKILL until a surviving process prints a scheduled import. %d rounds;"
                            + " seconds.",
                    NAMESPACE,
                    refs.size(),
                    refs.size() / 10,
                    KubernetesLeadership.LEASE,
                    KubernetesLeadership.Timing.DEFAULT,
                    rounds);
            return new Comparison(
                    "failover",
                    "Leader killed until scheduled imports run again",
                    "s",
                    false,
                    setup,
                    List.of(
                            new Result(
                                    "failover after SIGKILL",
                                    failovers,
                                    "fabric8's leader elector on the Lease; the scheduler runs the due tags on"
                                            + " election"),
                            new Result(
                                    "lease duration + 2 s",
                                    List.of(BOUND_SECONDS),
                                    "the bound the issue sets, from the Lease timing")),
                    List.of(new Target(
                            "scheduled imports again within the lease duration + 2 s of the leader's death",
                            "failover after SIGKILL",
                            "lease duration + 2 s",
                            false,
                            1.0)));
        } finally {
            for (Process watch : watches) {
                watch.destroy();
            }
            for (Process watch : watches) {
                if (!watch.waitFor(60, TimeUnit.SECONDS)) {
                    watch.destroyForcibly();
                }
            }
        }
    }

    private static Process start(Map<String, String> env, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(
                        LAUNCHER.toAbsolutePath().toString(),
                        "-v",
                        "--store",
                        "k8s://mock/" + NAMESPACE,
                        "watch",
                        "--interval",
                        "10s")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        return builder.start();
    }

    /** The Lease holder once there is one other than {@code not}; fails after a minute. */
    private static String waitForLeader(NamespacedKubernetesClient kubernetes, Optional<String> not)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (System.nanoTime() < deadline) {
            Lease lease = kubernetes
                    .leases()
                    .inNamespace(NAMESPACE)
                    .withName(KubernetesLeadership.LEASE)
                    .get();
            Optional<String> holder =
                    Optional.ofNullable(lease).map(l -> l.getSpec().getHolderIdentity());
            if (holder.isPresent() && !holder.equals(not)) {
                return holder.get();
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("no new holder of the Lease within a minute");
    }

    /** Seconds from {@code killedAt} until a log other than the killed one's gains a scheduled import line. */
    private static double waitForScheduledImport(
            List<Path> logs, List<Integer> printedBefore, int killed, long killedAt)
            throws IOException, InterruptedException {
        long deadline = killedAt + TimeUnit.MINUTES.toNanos(1);
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < logs.size(); i++) {
                if (i == killed) {
                    continue;
                }
                List<String> lines = Files.readAllLines(logs.get(i));
                for (String line : lines.subList(Math.min(printedBefore.get(i), lines.size()), lines.size())) {
                    if (line.contains(" unchanged at ") || line.contains(" imported ")) {
                        return (System.nanoTime() - killedAt) / 1e9;
                    }
                }
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("no scheduled import within a minute of killing the leader");
    }
}
