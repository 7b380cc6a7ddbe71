package io.jenkins.plugins.imagestreams.cli;

import static io.jenkins.plugins.imagestreams.cli.Polling.freePort;
import static io.jenkins.plugins.imagestreams.cli.Polling.lines;
import static io.jenkins.plugins.imagestreams.cli.Polling.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.jenkins.plugins.imagestreams.cluster.KubernetesLeadership;
import io.jenkins.plugins.imagestreams.cluster.KubernetesStreamStore;
import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.registry.BlobSource;
import io.jenkins.plugins.imagestreams.registry.RegistryClient;
import io.jenkins.plugins.imagestreams.registry.model.Manifest;
import io.jenkins.plugins.imagestreams.store.StreamStore;
import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.ImageStreamSpec;
import io.jenkins.plugins.imagestreams.stream.ImportPolicy;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.TagEvent;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import io.jenkins.plugins.imagestreams.stream.TagSpec;
import io.jenkins.plugins.imagestreams.testing.RegistryFixture;
import io.jenkins.plugins.imagestreams.testing.kubernetes.CrudKubernetesServer;
import io.jenkins.plugins.imagestreams.testing.kubernetes.ImageStreamDefinition;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Three {@code imagestreams watch} processes share one stream store in fabric8's mock API server over loopback: 300
 * scheduled tags (10 streams of 30) pushed in random order, each push notified to every running watcher, the leader of the scheduled
 * imports killed with SIGKILL twice, at a random moment of a round, and replaced. Every pushed digest lands in the stream's history once, and the
 * shared {@code --exec} acts once per pushed digest: never lost, never twice. The command is run a second time only
 * for an event the killed process had claimed when it died (it may have run the command without saving its mark),
 * and then with the same {@code IMAGE_DELIVERY_ID} and a higher {@code IMAGE_DELIVERY_ATTEMPT}, which the command
 * here uses, as the README shows, to act once.
 */
public class SharedWatchersTest {
    private static final int STREAMS = 10;
    private static final int TAGS_PER_STREAM = 30;
    private static final int ROUNDS = 10;
    private static final int WATCHERS = 3;
    private static final Set<Integer> KILL_ROUNDS = Set.of(3, 7);
    private static final String NAMESPACE = "shared";
    private static final String SECRET = "shared-watchers-webhook-secret-0123456789";
    private static final Duration ROUND_LIMIT = Duration.ofSeconds(90);

    @ClassRule
    public static final RegistryFixture REGISTRY = RegistryFixture.plain();

    @Rule
    public final CrudKubernetesServer kubernetes = new CrudKubernetesServer(false);

    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    private final long seed = System.nanoTime();
    private final Random random = new Random(seed);
    private final List<Watch> running = new ArrayList<>();
    private final List<Watch> started = new ArrayList<>();
    private final List<String> failovers = new ArrayList<>();
    private final List<Long> rounds = new ArrayList<>();
    private final ClaimRecorder claims = new ClaimRecorder();
    private Launcher launcher;
    /** Every run of {@code --exec}: "tag digest deliveryId attempt". */
    private Path execLog;
    /** What {@code --exec} did, once per delivery id: "tag digest". */
    private Path actions;

    private Path done;
    private Map<String, String> environment;

    /**
     * Every delivery claim the stored streams show, version by version, as a watch of the objects brings them: which
     * events a process had claimed in the round it was killed, also those a survivor took over from it at once (the
     * claim of an ended process of this host is void).
     */
    private static final class ClaimRecorder
            implements io.fabric8.kubernetes.client.Watcher<GenericKubernetesResource> {
        private record Seen(long at, String holder, String event) {}

        private final List<Seen> seen = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        @SuppressWarnings("unchecked")
        public void eventReceived(Action action, GenericKubernetesResource object) {
            long at = System.nanoTime();
            Object status = object.getAdditionalProperties().get("status");
            if (!(status instanceof Map<?, ?> statusMap) || !(statusMap.get("tags") instanceof List<?> tags)) {
                return;
            }
            for (Object tag : tags) {
                Map<String, Object> history = (Map<String, Object>) tag;
                List<Map<String, Object>> items = (List<Map<String, Object>>) history.get("items");
                List<Map<String, Object>> claimed = (List<Map<String, Object>>) history.get("deliveryClaims");
                if (items == null || items.isEmpty() || claimed == null) {
                    continue;
                }
                String event = object.getMetadata().getName() + ":" + history.get("tag") + " "
                        + items.get(0).get("image");
                claimed.forEach(c -> seen.add(new Seen(at, String.valueOf(c.get("holder")), event)));
            }
        }

        @Override
        public void onClose(io.fabric8.kubernetes.client.WatcherException cause) {}

        /** The events ("stream:tag digest") claimed by a holder containing {@code holderPart} since {@code since}. */
        Set<String> madeSince(long since, String holderPart) {
            Set<String> events = new HashSet<>();
            for (Seen s : seen) {
                if (s.at() >= since && s.holder().contains(holderPart)) {
                    events.add(s.event());
                }
            }
            return events;
        }
    }

    /** One watch process: its notification port and what it printed. */
    private record Watch(Process process, int port, Path log) {
        String holderPrefix(String host) {
            return host + "/" + process.pid() + "@";
        }
    }

    @Test
    public void threeWatchersShareOneStoreThroughLeaderKillsLosingAndRepeatingNothing() throws Exception {
        ImageStreamDefinition.install(kubernetes.client());
        Path kubeconfig = tmp.newFile("kubeconfig").toPath();
        kubernetes.writeKubeconfig(kubeconfig, NAMESPACE);
        environment = Map.of("IMAGESTREAMS_JAVA_OPTS", "-Dkubeconfig=" + kubeconfig);
        launcher = Launcher.install(tmp.newFolder("bin").toPath());
        execLog = tmp.getRoot().toPath().resolve("exec.log");
        actions = tmp.getRoot().toPath().resolve("actions.log");
        done = tmp.newFolder("done").toPath();
        kubernetes
                .client()
                .genericKubernetesResources(KubernetesStreamStore.CONTEXT)
                .inNamespace(NAMESPACE)
                .watch(claims);

        Map<String, List<Digest>> pushed = new LinkedHashMap<>();
        List<String> order = new ArrayList<>();
        try (RegistryClient registry = RegistryClient.builder().build()) {
            for (int a = 0; a < STREAMS; a++) {
                for (int t = 0; t < TAGS_PER_STREAM; t++) {
                    String tag = "app" + a + ":t" + t;
                    pushed.computeIfAbsent(tag, k -> new ArrayList<>()).add(push(registry, tag, 0));
                    order.add(tag);
                }
                createStream(a, pushed);
            }
            try {
                for (int i = 0; i < WATCHERS; i++) {
                    running.add(startWatch());
                }
                Collections.shuffle(order, random);
                Set<String> inFlightAtKills = new HashSet<>();
                int perRound = order.size() / ROUNDS;
                for (int round = 1; round <= ROUNDS; round++) {
                    List<String> tags = order.subList((round - 1) * perRound, round * perRound);
                    Map<String, Digest> thisRound = new LinkedHashMap<>();
                    for (String tag : tags) {
                        Digest digest = push(registry, tag, round);
                        thisRound.put(tag, digest);
                        pushed.get(tag).add(digest);
                    }
                    long notified = System.nanoTime();
                    notifyEveryWatcher(thisRound);
                    if (KILL_ROUNDS.contains(round)) {
                        Thread.sleep(random.nextInt(1500));
                        inFlightAtKills.addAll(killTheLeader(notified));
                    }
                    long roundStart = System.nanoTime();
                    awaitDelivered(pushed, "round " + round);
                    rounds.add(Duration.ofNanos(System.nanoTime() - roundStart).toMillis());
                }

                assertHistoryHoldsEveryPushOnce(pushed);
                List<String> expected = new ArrayList<>();
                pushed.forEach(
                        (tag, digests) -> digests.subList(1, digests.size()).forEach(d -> expected.add(tag + " " + d)));
                assertThat(lines(actions))
                        .as(describe("--exec acted once for every pushed digest"))
                        .containsExactlyInAnyOrderElementsOf(expected);
                Map<String, List<String[]>> runs = lines(execLog).stream()
                        .map(line -> line.split(" "))
                        .collect(Collectors.groupingBy(
                                run -> run[0] + " " + run[1], LinkedHashMap::new, Collectors.toList()));
                assertThat(runs.keySet())
                        .as(describe("every pushed digest ran --exec"))
                        .isEqualTo(new HashSet<>(expected));
                Set<String> ids = new HashSet<>();
                runs.forEach((event, each) -> {
                    assertThat(each)
                            .extracting(run -> run[2])
                            .as("the delivery id of every run of " + event)
                            .containsOnly(each.get(0)[2]);
                    assertThat(ids.add(each.get(0)[2]))
                            .as("a delivery id of its own for " + event)
                            .isTrue();
                    assertThat(each)
                            .extracting(run -> run[3])
                            .as("the attempts of " + event)
                            .doesNotHaveDuplicates();
                });
                Set<String> repeated = new HashSet<>(runs.keySet());
                repeated.removeIf(event -> runs.get(event).size() == 1);
                assertThat(repeated)
                        .as(describe("--exec run again only for events a killed process had claimed")
                                + whatEachPrinted(repeated))
                        .isSubsetOf(inFlightAtKills);
                assertThat(failovers)
                        .as(describe("a new leader after each kill"))
                        .hasSize(KILL_ROUNDS.size());
                System.out.println("shared watchers: rounds delivered in " + rounds + " ms; " + failovers
                        + "; run again " + repeated + " of " + inFlightAtKills.size()
                        + " in flight at the kills; seed " + seed);
            } finally {
                for (Watch watch : running) {
                    watch.process().destroy();
                }
                for (Watch watch : running) {
                    if (!watch.process().waitFor(60, TimeUnit.SECONDS)) {
                        watch.process().destroyForcibly();
                    }
                }
            }
        }
    }

    /**
     * {@code shared/appN} with 30 tags, each scheduled from its tag of {@code REGISTRY/shared/appN}, each holding its
     * first push already imported and run by {@code --exec}, as a store that has been watched before.
     */
    private void createStream(int n, Map<String, List<Digest>> pushed) {
        ImageStreamSpec spec = ImageStreamSpec.empty().withHistoryLimit(10);
        for (int t = 0; t < TAGS_PER_STREAM; t++) {
            spec = spec.withTag(TagSpec.of(
                            "t" + t,
                            new TagSource.DockerImage(
                                    ImageReference.parse(REGISTRY.host() + "/shared/app" + n + ":t" + t)))
                    .withImportPolicy(ImportPolicy.DEFAULT.withScheduled(true)));
        }
        ImageStream stream = ImageStream.create(StreamName.of(NAMESPACE, "app" + n), spec);
        for (int t = 0; t < TAGS_PER_STREAM; t++) {
            Digest first = pushed.get("app" + n + ":t" + t).get(0);
            stream = stream.recordImport(
                            "t" + t,
                            first,
                            REGISTRY.host() + "/shared/app" + n + "@" + first,
                            java.time.Instant.now(),
                            "import")
                    .withDelivered("t" + t, ExecListener.ID);
        }
        try (KubernetesStreamStore store = KubernetesStreamStore.open(kubernetes.client(), Optional.of(NAMESPACE))) {
            store.save(stream, StreamStore.NEW);
        }
    }

    private Watch startWatch() throws Exception {
        int port = freePort();
        Path log = tmp.newFile().toPath();
        Process process = launcher.start(
                log,
                environment,
                "--store",
                "k8s://mock/" + NAMESPACE,
                "watch",
                "--interval",
                "10s",
                "--imports-per-minute",
                "6000",
                "--listen",
                "127.0.0.1:" + port,
                "--webhook-secret",
                SECRET,
                "--exec-timeout",
                "5s",
                "--exec",
                "event=\"${IMAGE_STREAM_TAG#shared/} $IMAGE_DIGEST\"; echo \"$event $IMAGE_DELIVERY_ID"
                        + " $IMAGE_DELIVERY_ATTEMPT\" >> " + execLog + "; if mkdir \"" + done
                        + "/$IMAGE_DELIVERY_ID\" 2>/dev/null; then echo \"$event\" >> " + actions + "; fi");
        Watch watch = new Watch(process, port, log);
        started.add(watch);
        Polling.waitFor(
                () -> read(log).contains("watch: watching") || !process.isAlive(),
                "watch on port " + port + " to start",
                Duration.ofSeconds(60),
                () -> read(log));
        assertThat(process.isAlive()).as(read(log)).isTrue();
        return watch;
    }

    /**
     * SIGKILLs the process holding the scheduler Lease, starts a replacement, and waits for a live process to hold
     * the Lease.
     *
     * @return the events the killed process had claimed and not marked: "tag digest"
     */
    private Set<String> killTheLeader(long roundStart) throws Exception {
        String leader = leaseHolder().orElseThrow(() -> new AssertionError(describe("no process holds the Lease")));
        Watch killed = running.stream()
                .filter(w -> leader.contains("/" + w.process().pid() + "@"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(describe("the Lease holder " + leader + " is not a watch")));
        killed.process().destroyForcibly();
        killed.process().waitFor();
        long killedAt = System.nanoTime();
        running.remove(killed);
        Thread.sleep(1000); // the watch brings the killed process's last saves
        Set<String> inFlight =
                claims.madeSince(roundStart, "/" + killed.process().pid() + "@");
        running.add(startWatch());
        Polling.waitFor(
                () -> leaseHolder().filter(h -> !h.equals(leader)).isPresent(),
                "a new leader after SIGKILL of " + leader,
                Duration.ofSeconds(60),
                () -> describe("the Lease is held by " + leaseHolder()));
        failovers.add(
                "new leader " + Duration.ofNanos(System.nanoTime() - killedAt).toMillis() + " ms after the kill");
        return inFlight;
    }

    private Optional<String> leaseHolder() {
        Lease lease = kubernetes
                .client()
                .leases()
                .inNamespace(NAMESPACE)
                .withName(KubernetesLeadership.LEASE)
                .get();
        return Optional.ofNullable(lease).map(l -> l.getSpec().getHolderIdentity());
    }

    /** A distribution notification of {@code pushes} posted to every running watcher. */
    private void notifyEveryWatcher(Map<String, Digest> pushes) throws Exception {
        StringBuilder events = new StringBuilder();
        pushes.forEach((streamTag, digest) -> {
            if (events.length() > 0) {
                events.append(',');
            }
            String[] parts = streamTag.split(":");
            events.append(
                    """
                    {"action":"push","target":{"mediaType":"application/vnd.oci.image.manifest.v1+json",\
                    "digest":"%s","repository":"shared/%s","tag":"%s"},"request":{"host":"%s"}}"""
                            .formatted(digest, parts[0], parts[1], REGISTRY.host()));
        });
        String body = "{\"events\":[" + events + "]}";
        HttpClient http = HttpClient.newHttpClient();
        for (Watch watch : running) {
            HttpRequest request = HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + watch.port() + "/notify/distribution/" + SECRET))
                    .header("Content-Type", "application/vnd.docker.distribution.events.v1+json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            int status =
                    http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            assertThat(status)
                    .as(describe("notification to port " + watch.port()))
                    .isBetween(200, 299);
        }
    }

    /** Waits until {@code --exec} has acted on the newest digest of every tag. */
    private void awaitDelivered(Map<String, List<Digest>> pushed, String what) throws InterruptedException {
        Set<String> newest = new HashSet<>();
        pushed.forEach((tag, digests) -> {
            if (digests.size() > 1) {
                newest.add(tag + " " + digests.get(digests.size() - 1));
            }
        });
        Polling.waitFor(
                () -> new HashSet<>(lines(actions)).containsAll(newest),
                "--exec for " + what,
                ROUND_LIMIT,
                () -> describe("missing: "
                        + newest.stream()
                                .filter(n -> !lines(actions).contains(n))
                                .limit(5)
                                .toList()));
    }

    private void assertHistoryHoldsEveryPushOnce(Map<String, List<Digest>> pushed) {
        try (KubernetesStreamStore store = KubernetesStreamStore.open(kubernetes.client(), Optional.of(NAMESPACE))) {
            pushed.forEach((streamTag, digests) -> {
                String[] parts = streamTag.split(":");
                ImageStream stream = store.load(StreamName.of(NAMESPACE, parts[0]))
                        .orElseThrow()
                        .value();
                List<Digest> newestFirst = new ArrayList<>(digests);
                Collections.reverse(newestFirst);
                assertThat(stream.history(parts[1]).items())
                        .extracting(TagEvent::image)
                        .as(describe("history of " + streamTag))
                        .isEqualTo(newestFirst);
            });
        }
    }

    /** A small image of its own for {@code repoTag} in round {@code round}: one shared layer, a config naming both. */
    private static Digest push(RegistryClient registry, String repoTag, int round) throws Exception {
        ImageReference target = ImageReference.parse(REGISTRY.host() + "/shared/" + repoTag);
        byte[] layer = "the layer every shared-watchers image has\n".getBytes(StandardCharsets.UTF_8);
        Digest layerDigest = Digest.sha256(layer);
        registry.uploadBlob(target, layerDigest, layer.length, BlobSource.of(layer));
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Labels\":{\"push\":\"" + repoTag
                        + "-" + round + "\"}},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + layerDigest + "\"]}}")
                .getBytes(StandardCharsets.UTF_8);
        Digest configDigest = Digest.sha256(config);
        registry.uploadBlob(target, configDigest, config.length, BlobSource.of(config));
        String manifest = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                        + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"%s\","
                        + "\"size\":%d},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\","
                        + "\"digest\":\"%s\",\"size\":%d}]}")
                .formatted(configDigest, config.length, layerDigest, layer.length);
        return registry.putManifest(
                target,
                Manifest.of("application/vnd.oci.image.manifest.v1+json", manifest.getBytes(StandardCharsets.UTF_8)));
    }

    /** What every watcher, killed ones too, printed about the stream tags of {@code events} ("tag digest"). */
    private String whatEachPrinted(Set<String> events) {
        StringBuilder text = new StringBuilder();
        for (String event : events) {
            String streamTag = NAMESPACE + "/" + event.substring(0, event.indexOf(' ')) + " ";
            for (Watch watch : started) {
                text.append("\n--- pid ")
                        .append(watch.process().pid())
                        .append(" about ")
                        .append(streamTag);
                lines(watch.log()).stream()
                        .filter(line ->
                                line.contains(streamTag.strip() + " ") || line.contains(streamTag.strip() + ":"))
                        .forEach(line -> text.append("\n").append(line));
            }
        }
        return text.toString();
    }

    /** {@code what}, with the seed that reproduces the run, the watchers' warnings and what they printed last. */
    private String describe(String what) {
        StringBuilder text = new StringBuilder(what + " (seed " + seed + ")");
        for (Watch watch : running) {
            List<String> printed = lines(watch.log());
            text.append("\n--- watch on port ").append(watch.port()).append(", warnings:\n");
            printed.stream().filter(line -> line.contains("warning")).limit(20).forEach(line -> text.append(line)
                    .append('\n'));
            text.append("--- last lines:\n")
                    .append(String.join("\n", printed.subList(Math.max(0, printed.size() - 8), printed.size())));
        }
        return text.toString();
    }
}
