package io.jenkins.plugins.imagestreams.importing;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagestreams.api.ImportResult;
import io.jenkins.plugins.imagestreams.api.ScheduledTag;
import io.jenkins.plugins.imagestreams.api.SchedulerSettings;
import io.jenkins.plugins.imagestreams.events.EventDispatcher;
import io.jenkins.plugins.imagestreams.events.ImageChangeListener;
import io.jenkins.plugins.imagestreams.events.ImageChanged;
import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.registry.RegistryClient;
import io.jenkins.plugins.imagestreams.registry.RetryPolicy;
import io.jenkins.plugins.imagestreams.store.JsonFileStore;
import io.jenkins.plugins.imagestreams.store.StreamStore;
import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.ImageStreamSpec;
import io.jenkins.plugins.imagestreams.stream.ImportMode;
import io.jenkins.plugins.imagestreams.stream.ImportPolicy;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.TagEvent;
import io.jenkins.plugins.imagestreams.stream.TagHistory;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import io.jenkins.plugins.imagestreams.stream.TagSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The scheduler, importer, store and dispatcher together on the real clock over a few hundred tags on two real
 * registries, each behind a fault proxy, while images are pushed at random and one registry is stopped and restarted.
 *
 * <p>Sized by system properties: {@code soak.tags} (default 300, a multiple of 10) and {@code soak.seconds} (default
 * 60: how long faults and pushes go on; the outage takes its middle third).
 */
public class SchedulerSoakTest {
    private static final int TAGS = Integer.getInteger("soak.tags", 300);
    private static final Duration FAULT_PHASE = Duration.ofSeconds(Integer.getInteger("soak.seconds", 60));
    private static final int TAGS_PER_STREAM = 5;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);
    private static final RetryPolicy RETRIES =
            new RetryPolicy(2, Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(2));
    private static final SchedulerSettings SETTINGS =
            new SchedulerSettings(SchedulerSettings.MIN_INTERVAL, 0.1, Duration.ofSeconds(1), 6000, 300, 8);

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final List<AutoCloseable> resources = new ArrayList<>();

    /** One scheduled tag of the soak and where it comes from. */
    private record SoakTag(StreamName stream, String tag, SoakRegistry registry, String repositoryAndTag) {
        String proxyPath() {
            String[] parts = repositoryAndTag.split(":");
            return "/v2/" + parts[0] + "/manifests/" + parts[1];
        }
    }

    private record Delivered(StreamName stream, String tag, Digest digest) {}

    /** One import the scheduler ran, with when it began and ended. */
    private record ImportRun(StreamName stream, String tag, long begun, long ended, ImportResult result) {
        String key() {
            return stream + ":" + tag;
        }

        String outcome() {
            return result instanceof ImportResult.Failed f
                    ? "failed " + f.condition().reason()
                    : result.getClass().getSimpleName().toLowerCase();
        }
    }

    @After
    public void closeResources() throws Exception {
        Collections.reverse(resources);
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    @Test
    public void importsConvergeOnEveryPushThroughFaultsAndAnOutageWithOneEventPerDigest() throws Exception {
        SoakRegistry a = keep(new SoakRegistry("a"));
        SoakRegistry b = keep(new SoakRegistry("b"));
        List<SoakRegistry> registries = List.of(a, b);
        RegistryClient pushClient = RegistryClient.builder().build();
        ImagePusher pusher = new ImagePusher(pushClient, "soak");
        StreamStore store = new JsonFileStore(tmp.newFolder("store").toPath());
        Map<SoakTag, Digest> lastPushed = new ConcurrentHashMap<>();
        List<SoakTag> tags = createStreams(store, registries, pusher, lastPushed);

        ConcurrentLinkedQueue<ImageChanged> events = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        EventDispatcher dispatcher = new EventDispatcher(store, (message, e) -> problems.add(message));
        dispatcher.addListener(new ImageChangeListener() {
            @Override
            public String id() {
                return "recorder";
            }

            @Override
            public void imageChanged(ImageChanged event) {
                events.add(event);
            }
        });
        RegistryClient importClient = RegistryClient.builder()
                .retryPolicy(RETRIES)
                .requestTimeout(REQUEST_TIMEOUT)
                .connectTimeout(Duration.ofSeconds(1))
                .build();
        Importer importer = new Importer(importClient, store, Clock.systemUTC(), dispatcher::deliverPending);
        ConcurrentLinkedQueue<ImportRun> runs = new ConcurrentLinkedQueue<>();
        TagImporter recording = (stream, tag) -> {
            long begun = System.nanoTime();
            ImportResult result = importer.importTag(stream, tag);
            runs.add(new ImportRun(stream, tag, begun, System.nanoTime(), result));
            return result;
        };
        ScheduledExecutorService executor = Executors.newScheduledThreadPool(SETTINGS.maxConcurrent() + 2);
        ImportScheduler scheduler =
                new ImportScheduler(recording, SETTINGS, Clock.systemUTC(), executor, new Random(11));
        long seed = 20260601L;
        registries.forEach(r -> r.injectFaults(0.15, seed + r.label.hashCode(), REQUEST_TIMEOUT.plusSeconds(1)));

        long start = System.nanoTime();
        for (StreamName name : store.list()) {
            ScheduledTag.of(store.load(name).orElseThrow().value()).forEach(scheduler::schedule);
        }
        AtomicBoolean pushing = new AtomicBoolean(true);
        Thread writer =
                new Thread(() -> pushAtRandom(tags, pusher, lastPushed, pushing, new Random(seed), problems), "writer");
        writer.start();

        sleepUntil(start, FAULT_PHASE.dividedBy(3));
        b.stop();
        long outageStart = System.nanoTime();
        Set<SoakTag> seenFailing = new HashSet<>();
        long restartAt = start + FAULT_PHASE.multipliedBy(2).dividedBy(3).toNanos();
        long outageEnd;
        while (true) {
            long polled = System.nanoTime();
            for (SoakTag tag : tags) {
                if (tag.registry() == b && history(store, tag).importFailure().isPresent()) {
                    seenFailing.add(tag);
                }
            }
            if (polled >= restartAt) {
                outageEnd = polled;
                break;
            }
            Thread.sleep(500);
        }
        b.restart();
        sleepUntil(start, FAULT_PHASE);
        Map<String, Map<String, Integer>> faults = SoakRegistry.byLabel(registries, SoakRegistry::faultsInjected);
        registries.forEach(SoakRegistry::clearFaults);
        pushing.set(false);
        writer.join();

        boolean converged = awaitConvergence(store, tags, lastPushed);
        scheduler.close();
        executor.shutdown();
        assertThat(executor.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        Duration runTime = Duration.ofNanos(System.nanoTime() - start);

        long budget = new ImportBudget(SETTINGS).maxImports(runTime) * RETRIES.maxAttempts();
        Map<String, Long> requests = new ConcurrentHashMap<>();
        registries.forEach(r -> requests.putAll(r.requestsByPath()));
        long mostRequests = tags.stream()
                .mapToLong(t -> requests.getOrDefault(t.proxyPath(), 0L))
                .max()
                .orElseThrow();
        Map<String, Long> outcomes =
                runs.stream().collect(Collectors.groupingBy(ImportRun::outcome, TreeMap::new, Collectors.counting()));
        List<ImportRun> inOutage = runs.stream()
                .filter(r -> r.begun() > outageStart && r.ended() < outageEnd)
                .filter(r -> r.stream().name().startsWith("soak-" + b.label + "-"))
                .toList();
        Set<String> failedInOutage = inOutage.stream().map(ImportRun::key).collect(Collectors.toSet());
        System.out.printf(
                "soak: %d tags, %d pushes, faults injected %s, %d restart(s), %d events, imports %s, "
                        + "%d tags failed during the outage, run %d s, most requests for one tag %d (budget %d)%n",
                tags.size(),
                pusher.pushes(),
                faults,
                b.restarts(),
                events.size(),
                outcomes,
                failedInOutage.size(),
                runTime.toSeconds(),
                mostRequests,
                budget);

        assertThat(converged)
                .as("every tag reached its last pushed image within six intervals")
                .isTrue();
        assertThat(problems).as("dispatcher and writer problems").isEmpty();
        faults.values().forEach(byKind -> assertThat(byKind.values()).allMatch(n -> n > 0));
        Set<Delivered> inHistory = new HashSet<>();
        for (SoakTag tag : tags) {
            TagHistory history = history(store, tag);
            assertThat(history.current().map(TagEvent::image))
                    .as(tag + " items[0]")
                    .contains(lastPushed.get(tag));
            assertThat(history.conditions()).as(tag + " conditions").isEmpty();
            List<TagEvent> items = history.items();
            for (int i = 1; i < items.size(); i++) {
                assertThat(items.get(i).image())
                        .as(tag + " adjacent entries")
                        .isNotEqualTo(items.get(i - 1).image());
                assertThat(items.get(i).created())
                        .as(tag + " created order")
                        .isBeforeOrEqualTo(items.get(i - 1).created());
            }
            items.forEach(item -> inHistory.add(new Delivered(tag.stream(), tag.tag(), item.image())));
            long sent = requests.getOrDefault(tag.proxyPath(), 0L);
            assertThat(sent).as(tag + " requests").isLessThanOrEqualTo(budget);
            assertThat(sent).as(tag + " was polled periodically").isGreaterThanOrEqualTo(runTime.toSeconds() / 20);
        }
        List<Delivered> delivered = events.stream()
                .map(e -> new Delivered(e.stream(), e.tag(), e.newDigest()))
                .toList();
        assertThat(delivered).as("one event per (stream, tag, digest)").doesNotHaveDuplicates();
        assertThat(new HashSet<>(delivered))
                .as("an event for every history entry, and none other")
                .isEqualTo(inHistory);
        assertThat(inOutage)
                .as("imports from the stopped registry")
                .allMatch(r -> r.result() instanceof ImportResult.Failed);
        assertThat(failedInOutage)
                .as("tags of the stopped registry imported during the outage")
                .hasSizeGreaterThanOrEqualTo(TAGS / registries.size() / 3);
        assertThat(seenFailing.stream().map(t -> t.stream() + ":" + t.tag()))
                .as("every tag that failed during the outage showed ImportSuccess=False in the store")
                .containsAll(failedInOutage);
    }

    /** One stream per five tags, half on each registry, every tag with a first image pushed (four at a time). */
    private List<SoakTag> createStreams(
            StreamStore store, List<SoakRegistry> registries, ImagePusher pusher, Map<SoakTag, Digest> lastPushed)
            throws Exception {
        List<SoakTag> tags = new ArrayList<>();
        int streamsPerRegistry = TAGS / TAGS_PER_STREAM / registries.size();
        ExecutorService pushers = Executors.newFixedThreadPool(4);
        List<Future<?>> pushed = new ArrayList<>();
        try {
            for (SoakRegistry registry : registries) {
                for (int s = 0; s < streamsPerRegistry; s++) {
                    StreamName name = StreamName.parse("soak-" + registry.label + "-" + s);
                    ImageStreamSpec spec = ImageStreamSpec.empty().withHistoryLimit(100);
                    for (int t = 0; t < TAGS_PER_STREAM; t++) {
                        String repositoryAndTag = "soak/r" + s + ":t" + t;
                        ImportMode mode = t == 0 ? ImportMode.LEGACY : ImportMode.PRESERVE_ORIGINAL;
                        spec = spec.withTag(TagSpec.of(
                                        "t" + t, new TagSource.DockerImage(registry.viaProxy(repositoryAndTag)))
                                .withImportPolicy(
                                        ImportPolicy.DEFAULT.withScheduled(true).withImportMode(mode)));
                        SoakTag tag = new SoakTag(name, "t" + t, registry, repositoryAndTag);
                        pushed.add(pushers.submit(() -> lastPushed.put(
                                tag, registry.push(pusher, repositoryAndTag).orElseThrow())));
                        tags.add(tag);
                    }
                    store.save(ImageStream.create(name, spec), StreamStore.NEW);
                }
            }
            for (Future<?> push : pushed) {
                push.get();
            }
        } finally {
            pushers.shutdownNow();
        }
        return tags;
    }

    private static void pushAtRandom(
            List<SoakTag> tags,
            ImagePusher pusher,
            Map<SoakTag, Digest> lastPushed,
            AtomicBoolean pushing,
            Random random,
            ConcurrentLinkedQueue<String> problems) {
        while (pushing.get()) {
            SoakTag tag = tags.get(random.nextInt(tags.size()));
            try {
                tag.registry().push(pusher, tag.repositoryAndTag()).ifPresent(digest -> lastPushed.put(tag, digest));
                Thread.sleep(random.nextInt(150));
            } catch (Exception e) {
                problems.add("writer: pushing to " + tag.repositoryAndTag() + " failed: " + e);
            }
        }
    }

    /** Waits until every tag is at its last push with no condition and its event delivered. */
    private static boolean awaitConvergence(StreamStore store, List<SoakTag> tags, Map<SoakTag, Digest> lastPushed)
            throws InterruptedException {
        long deadline = System.nanoTime() + SETTINGS.interval().multipliedBy(6).toNanos();
        while (System.nanoTime() < deadline) {
            boolean done = tags.stream().allMatch(tag -> {
                TagHistory history = history(store, tag);
                return history.current().map(TagEvent::image).equals(Optional.of(lastPushed.get(tag)))
                        && history.conditions().isEmpty()
                        && history.deliveredTo().contains("recorder");
            });
            if (done) {
                return true;
            }
            Thread.sleep(500);
        }
        return false;
    }

    private static TagHistory history(StreamStore store, SoakTag tag) {
        return store.load(tag.stream()).orElseThrow().value().history(tag.tag());
    }

    private static void sleepUntil(long start, Duration offset) throws InterruptedException {
        long left = start + offset.toNanos() - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    private <T extends AutoCloseable> T keep(T resource) {
        resources.add(resource);
        return resource;
    }
}
