package io.jenkins.plugins.imagestreams.importing;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.registry.RegistryClient;
import io.jenkins.plugins.imagestreams.store.JsonFileStore;
import io.jenkins.plugins.imagestreams.store.StreamStore;
import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.ImageStreamSpec;
import io.jenkins.plugins.imagestreams.stream.ImportPolicy;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.TagEvent;
import io.jenkins.plugins.imagestreams.stream.TagHistory;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import io.jenkins.plugins.imagestreams.stream.TagSpec;
import io.jenkins.plugins.imagestreams.testing.RegistryFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Kills a process running the scheduler, importer and dispatcher ({@link ImportChild}) with SIGKILL at random
 * moments while images are pushed, restarts it on the same store, and checks that nothing saved was lost and no event
 * reached the journal twice.
 */
public class ImportCrashTest {
    private static final int STREAMS = 8;
    private static final int TAGS_PER_STREAM = 5;

    @ClassRule
    public static final RegistryFixture REGISTRY = RegistryFixture.plain();

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    /** One history entry as stored: what must survive every kill. */
    private record Entry(String streamTag, Digest image, Instant created) {}

    @Test
    public void killedImporterLosesNothingSavedAndJournalsEachEventOnce() throws Exception {
        Path storeDir = tmp.newFolder("store").toPath();
        Path journal = storeDir.resolveSibling("journal");
        StreamStore store = new JsonFileStore(storeDir);
        ImagePusher pusher = new ImagePusher(RegistryClient.builder().build(), "crash");
        Map<String, Digest> lastPushed = new ConcurrentHashMap<>();
        List<String> refs = createStreams(store, pusher, lastPushed);

        Random random = new Random(4242);
        int kills = 3 + random.nextInt(3);
        AtomicBoolean pushing = new AtomicBoolean(true);
        ConcurrentLinkedQueue<Exception> pushFailures = new ConcurrentLinkedQueue<>();
        Thread writer = new Thread(() -> {
            Random choice = new Random(99);
            while (pushing.get()) {
                String ref = refs.get(choice.nextInt(refs.size()));
                try {
                    lastPushed.put(ref, pusher.push(ImageReference.parse(REGISTRY.reference(ref))));
                    Thread.sleep(20 + choice.nextInt(60));
                } catch (Exception e) {
                    pushFailures.add(e);
                }
            }
        });
        writer.start();

        Set<Entry> seen = new HashSet<>();
        List<Long> killedAfterMillis = new ArrayList<>();
        for (int round = 0; round < kills; round++) {
            Process child = startChild(storeDir, journal, round);
            long killAfter = random.nextInt(4000);
            Thread.sleep(killAfter);
            seen.addAll(entries(store));
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            killedAfterMillis.add(killAfter);
            assertThat(entries(store)).as("after kill " + (round + 1)).containsAll(seen);
        }
        pushing.set(false);
        writer.join();
        assertThat(pushFailures).isEmpty();

        Process last = startChild(storeDir, journal, kills);
        boolean converged;
        try {
            converged = awaitConvergence(store, lastPushed, journal);
        } finally {
            last.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        Set<Entry> finalEntries = entries(store);
        List<String> journaled = JournalListener.lines(journal);
        List<String> redelivered = JournalListener.lines(journal.resolveSibling("journal.redelivered"));
        Set<String> historyLines = new HashSet<>();
        finalEntries.forEach(e -> historyLines.add(e.streamTag().replace(':', ' ') + " " + e.image()));
        System.out.printf(
                "crash: %d tags, %d pushes, %d kills (after %s ms of ready), %d history entries seen before kills, "
                        + "%d journaled events, %d re-offered after a kill and skipped by the journal check%n",
                refs.size(),
                pusher.pushes(),
                kills,
                killedAfterMillis,
                seen.size(),
                journaled.size(),
                redelivered.size());

        assertThat(converged)
                .as("every tag reached its last push and its event was journaled")
                .isTrue();
        assertThat(finalEntries).as("every history entry seen before a kill").containsAll(seen);
        assertThat(journaled).as("journal").doesNotHaveDuplicates();
        assertThat(historyLines)
                .as("every journaled event is a saved history entry")
                .containsAll(journaled);
        assertThat(redelivered).as("re-offered events were journaled before").allMatch(journaled::contains);
        assertThat(redelivered)
                .as("deliveries are serialized, so each kill can cut at most one between listener and mark")
                .hasSizeLessThanOrEqualTo(kills);
        assertThat(journaled.size()).as("events journaled across the kills").isGreaterThan(refs.size());
    }

    private List<String> createStreams(StreamStore store, ImagePusher pusher, Map<String, Digest> lastPushed)
            throws Exception {
        List<String> refs = new ArrayList<>();
        for (int s = 0; s < STREAMS; s++) {
            StreamName name = StreamName.parse("crash-" + s);
            ImageStreamSpec spec = ImageStreamSpec.empty().withHistoryLimit(1000);
            for (int t = 0; t < TAGS_PER_STREAM; t++) {
                String ref = "crash/r" + s + ":t" + t;
                spec = spec.withTag(
                        TagSpec.of("t" + t, new TagSource.DockerImage(ImageReference.parse(REGISTRY.reference(ref))))
                                .withImportPolicy(ImportPolicy.DEFAULT.withScheduled(true)));
                lastPushed.put(ref, pusher.push(ImageReference.parse(REGISTRY.reference(ref))));
                refs.add(ref);
            }
            store.save(ImageStream.create(name, spec), StreamStore.NEW);
        }
        return refs;
    }

    /** Starts {@link ImportChild} and waits until it has scheduled every tag. */
    private Process startChild(Path storeDir, Path journal, int round) throws Exception {
        Path log = tmp.getRoot().toPath().resolve("child-" + round + ".log");
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        ImportChild.class.getName(),
                        storeDir.toString(),
                        journal.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!(Files.exists(log)
                && Files.readString(log, StandardCharsets.UTF_8).contains("ready\n"))) {
            assertThat(child.isAlive())
                    .as("child " + round + " is running; its log: " + read(log))
                    .isTrue();
            assertThat(System.nanoTime()).as("child " + round + " got ready").isLessThan(deadline);
            Thread.sleep(20);
        }
        return child;
    }

    /** Waits until every tag is at its last push, with no condition, and that image journaled. */
    private static boolean awaitConvergence(StreamStore store, Map<String, Digest> lastPushed, Path journal)
            throws Exception {
        long deadline = System.nanoTime()
                + ImportChild.SETTINGS.interval().multipliedBy(6).toNanos();
        while (System.nanoTime() < deadline) {
            Set<String> journaled = new HashSet<>(JournalListener.lines(journal));
            boolean done = true;
            for (int s = 0; s < STREAMS && done; s++) {
                StreamName name = StreamName.parse("crash-" + s);
                ImageStream stream = store.load(name).orElseThrow().value();
                for (int t = 0; t < TAGS_PER_STREAM && done; t++) {
                    TagHistory history = stream.history("t" + t);
                    Digest wanted = lastPushed.get("crash/r" + s + ":t" + t);
                    done = history.current()
                                    .map(TagEvent::image)
                                    .filter(wanted::equals)
                                    .isPresent()
                            && history.conditions().isEmpty()
                            && journaled.contains(name + " t" + t + " " + wanted);
                }
            }
            if (done) {
                return true;
            }
            Thread.sleep(250);
        }
        return false;
    }

    private static Set<Entry> entries(StreamStore store) {
        Set<Entry> entries = new HashSet<>();
        for (StreamName name : store.list()) {
            ImageStream stream = store.load(name).orElseThrow().value();
            for (TagHistory history : stream.status().tags()) {
                for (TagEvent item : history.items()) {
                    entries.add(new Entry(name + ":" + history.tag(), item.image(), item.created()));
                }
            }
        }
        return entries;
    }

    private static String read(Path log) throws Exception {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }
}
