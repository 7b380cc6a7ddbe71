package io.jenkins.plugins.imagestreams.events;

import static io.jenkins.plugins.imagestreams.events.EventDispatcherTest.A;
import static io.jenkins.plugins.imagestreams.events.EventDispatcherTest.B;
import static io.jenkins.plugins.imagestreams.events.EventDispatcherTest.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagestreams.json.StreamJson;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.store.JsonFileStore;
import io.jenkins.plugins.imagestreams.store.StreamStore;
import io.jenkins.plugins.imagestreams.store.StreamUpdater;
import io.jenkins.plugins.imagestreams.stream.DeliveryClaim;
import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.ImageStreamSpec;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.TagEvent;
import io.jenkins.plugins.imagestreams.stream.TagHistory;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import io.jenkins.plugins.imagestreams.stream.TagSpec;
import io.jenkins.plugins.imagestreams.testing.ManualClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Instances sharing one store deliver each event once per listener: a delivery run claims its events by
 * compare-and-set before delivering them. Each instance here has its own store object over the same files, as
 * processes do, so every claim goes through a save and a read.
 */
public class DeliveryClaimsTest {
    private static final StreamName MANY = StreamName.parse("dev/many");
    private static final int TAGS = 20;
    private static final Instance FIRST = new Instance("node-a", 101, 1);
    private static final Instance SECOND = new Instance("node-b", 202, 2);

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final ManualClock clock = new ManualClock(T0);
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private Path root;

    @Before
    public void storeWithManyChangedTags() {
        root = tmp.getRoot().toPath();
        ImageStreamSpec spec = ImageStreamSpec.empty();
        for (int i = 0; i < TAGS; i++) {
            spec = spec.withTag(
                    TagSpec.of("t" + i, new TagSource.DockerImage(ImageReference.parse("localhost:5000/many:t" + i))));
        }
        ImageStream stream = ImageStream.create(MANY, spec);
        for (int i = 0; i < TAGS; i++) {
            stream = stream.recordImport("t" + i, A, "localhost:5000/many@" + A, T0, "import");
        }
        new JsonFileStore(root).save(stream, StreamStore.NEW);
    }

    /** A listener with the same id on every instance, as {@code watch --exec} has. */
    private final class Exec implements ImageChangeListener {
        private final String instance;
        private final Consumer<ImageChanged> during;
        private int failuresLeft;

        Exec(String instance, Consumer<ImageChanged> during) {
            this.instance = instance;
            this.during = during;
        }

        @Override
        public String id() {
            return "cli-exec";
        }

        @Override
        public void imageChanged(ImageChanged event) {
            if (failuresLeft > 0) {
                failuresLeft--;
                throw new IllegalStateException("exec failed");
            }
            during.accept(event);
            received.add(instance + " " + event.tag());
        }
    }

    private EventDispatcher instance(Instance self, ImageChangeListener listener) {
        EventDispatcher dispatcher =
                new EventDispatcher(new JsonFileStore(root), (message, e) -> problems.add(message), clock, self);
        dispatcher.addListener(listener);
        return dispatcher;
    }

    private TagHistory history(String tag) {
        return new JsonFileStore(root).load(MANY).orElseThrow().value().history(tag);
    }

    @Test
    public void anInstanceDeliversNothingAnotherHasClaimed() {
        List<Integer> secondDuringFirst = new ArrayList<>();
        EventDispatcher second = instance(SECOND, new Exec("second", e -> {}));
        EventDispatcher first = instance(FIRST, new Exec("first", e -> {
            if (secondDuringFirst.isEmpty()) {
                secondDuringFirst.add(second.deliverPending(MANY));
            }
        }));

        assertThat(first.deliverPending(MANY)).isEqualTo(TAGS);

        assertThat(secondDuringFirst)
                .as("the second instance's run while the first delivers")
                .containsExactly(0);
        assertThat(received).hasSize(TAGS).allMatch(r -> r.startsWith("first "));
        assertThat(second.deliverPending(MANY)).isZero();
        assertThat(history("t7").deliveredTo()).containsExactly("cli-exec");
        assertThat(history("t7").claims()).isEmpty();
        assertThat(problems).isEmpty();
    }

    @Test
    public void theClaimOfAnInstanceThatDiedHoldsUntilItLapsesThenAnotherDelivers() {
        DeliveryClaim dead = new DeliveryClaim("cli-exec", "node-c/303@3", T0.plusSeconds(70));
        new StreamUpdater(new JsonFileStore(root)).update(MANY, s -> s.withClaim("t3", dead));
        EventDispatcher second = instance(SECOND, new Exec("second", e -> {}));

        assertThat(second.deliverPending(MANY))
                .as("every tag but the claimed one")
                .isEqualTo(TAGS - 1);
        assertThat(history("t3").claim("cli-exec")).contains(dead);

        clock.advance(Duration.ofSeconds(70));
        assertThat(second.deliverPending(MANY)).isEqualTo(1);
        assertThat(received).filteredOn(r -> r.endsWith(" t3")).containsExactly("second t3");
        assertThat(history("t3").claims()).isEmpty();
    }

    @Test
    public void aClaimOfAProcessOfThisHostThatEndedIsVoidAtOnce() throws Exception {
        Instance here = Instance.current();
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        long start = ended.info().startInstant().orElse(T0).toEpochMilli();
        String holder = new Instance(here.host(), ended.pid(), start).id();
        new StreamUpdater(new JsonFileStore(root))
                .update(MANY, s -> s.withClaim("t3", new DeliveryClaim("cli-exec", holder, T0.plusSeconds(600))));

        assertThat(here.outlived(holder)).isTrue();
        assertThat(instance(here, new Exec("restarted", e -> {})).deliverPending(MANY))
                .isEqualTo(TAGS);
    }

    @Test
    public void instancesKnowWhichHoldersHaveEnded() {
        Instance here = Instance.current();
        assertThat(here.outlived(here.id())).as("itself").isFalse();
        assertThat(here.outlived(new Instance(here.host(), here.pid(), here.start() + 1).id()))
                .as("an earlier process with this pid")
                .isTrue();
        assertThat(here.outlived("other-host/1@1")).as("another host's").isFalse();
        assertThat(here.outlived("not an id")).isFalse();
    }

    @Test
    public void aFailedDeliveryLapsesItsClaimSoAnotherInstanceDeliversAtOnceAsTheNextAttempt() {
        Exec failing = new Exec("first", e -> {});
        failing.failuresLeft = TAGS;
        instance(FIRST, failing).deliverPending(MANY);
        DeliveryClaim lapsed = history("t0").claim("cli-exec").orElseThrow();
        assertThat(lapsed.liveAt(clock.instant())).isFalse();
        assertThat(lapsed.attempt()).isEqualTo(1);
        assertThat(problems).hasSize(TAGS);

        List<ImageChanged> events = new CopyOnWriteArrayList<>();
        assertThat(instance(SECOND, new Exec("second", events::add)).deliverPending(MANY))
                .isEqualTo(TAGS);
        assertThat(events).extracting(ImageChanged::attempt).containsOnly(2);
        assertThat(history("t0").claims()).isEmpty();
    }

    /** Thrown by a listener to stand for its instance dying mid-delivery: nothing after it runs, nothing is saved. */
    private static final class Killed extends Error {
        private static final long serialVersionUID = 1L;
    }

    @Test
    public void anEventAnInstanceDiedDeliveringIsDeliveredAgainAsAnotherAttemptOfTheSameDelivery() {
        List<ImageChanged> firstGot = new ArrayList<>();
        EventDispatcher first = instance(FIRST, new Exec("first", e -> {
            firstGot.add(e);
            if (e.tag().equals("t3")) {
                throw new Killed();
            }
        }));
        try {
            first.deliverPending(MANY);
        } catch (Killed expected) {
            // the first instance acted on t3 and died before saving any mark
        }
        ImageChanged died = firstGot.get(firstGot.size() - 1);
        assertThat(died.tag()).isEqualTo("t3");
        assertThat(died.attempt()).isEqualTo(1);

        List<ImageChanged> secondGot = new CopyOnWriteArrayList<>();
        EventDispatcher second = instance(SECOND, new Exec("second", secondGot::add));
        assertThat(second.deliverPending(MANY))
                .as("while the first's claims hold")
                .isZero();
        clock.advance(EventDispatcher.CLAIM_MARGIN.plus(Duration.ofMinutes(1)));
        assertThat(second.deliverPending(MANY)).isEqualTo(TAGS);

        ImageChanged again =
                secondGot.stream().filter(e -> e.tag().equals("t3")).findFirst().orElseThrow();
        assertThat(again.attempt()).isEqualTo(2);
        assertThat(again.deliveryId()).isEqualTo(died.deliveryId());
        assertThat(secondGot)
                .extracting(ImageChanged::deliveryId)
                .as("one id per change")
                .doesNotHaveDuplicates()
                .allMatch(id -> id.matches("[0-9a-f]{32}"));
        assertThat(history("t3").claims()).isEmpty();
        assertThat(history("t3").deliveredTo()).containsExactly("cli-exec");
    }

    @Test
    public void aClaimKeepsItsAttemptInTheStoredJsonAndABadOneIsNamed() {
        ImageStream claimed = new JsonFileStore(root)
                .load(MANY)
                .orElseThrow()
                .value()
                .withClaim("t1", new DeliveryClaim("cli-exec", "node-c/303@3", T0, 3))
                .withClaim("t2", new DeliveryClaim("cli-exec", "node-c/303@3", T0));
        String json = new String(StreamJson.write(claimed, 1), StandardCharsets.UTF_8);

        assertThat(StreamJson.read(json.getBytes(StandardCharsets.UTF_8)).value())
                .isEqualTo(claimed);
        assertThat(json).contains("\"attempt\" : 3").doesNotContain("\"attempt\" : 1");
        assertThatThrownBy(() -> StreamJson.read(
                        json.replace("\"attempt\" : 3", "\"attempt\" : 0").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'attempt'")
                .hasMessageContaining("is 0; expected a whole number from 1");
    }

    @Test
    public void aListenerUnderAnIdOfItsOwnInstanceGetsEveryChangeAnotherInstanceDelivered() {
        ImageChangeListener first = new Exec("first", e -> {}).as("cli-exec@first");
        ImageChangeListener second = new Exec("second", e -> {}).as("cli-exec@second");

        assertThat(instance(FIRST, first).deliverPending(MANY)).isEqualTo(TAGS);
        assertThat(instance(SECOND, second).deliverPending(MANY)).isEqualTo(TAGS);

        assertThat(received).filteredOn(r -> r.endsWith(" t0")).containsExactly("first t0", "second t0");
        assertThat(history("t0").deliveredTo()).containsExactlyInAnyOrder("cli-exec@first", "cli-exec@second");
        assertThat(first.deliveryTimeout()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    public void aDeliveryIdNamesOneChange() {
        ImageChanged change = new ImageChanged(MANY, "t1", Optional.empty(), A, "localhost:5000/many@" + A, 4);

        assertThat(change.asAttempt(3).deliveryId()).isEqualTo(change.deliveryId());
        assertThat(new ImageChanged(MANY, "t1", Optional.of(A), B, "localhost:5000/many@" + B, 5).deliveryId())
                .isNotEqualTo(change.deliveryId());
        assertThat(new ImageChanged(MANY, "t1", Optional.of(B), A, "localhost:5000/many@" + A, 6).deliveryId())
                .as("the same image again, later")
                .isNotEqualTo(change.deliveryId());
        assertThat(new ImageChanged(MANY, "t2", Optional.empty(), A, "localhost:5000/many@" + A, 4).deliveryId())
                .isNotEqualTo(change.deliveryId());
    }

    @Test
    public void claimsAreRenewedBeforeADeliveryThatCouldOutliveThem() {
        List<Integer> secondLate = new ArrayList<>();
        EventDispatcher second = instance(SECOND, new Exec("second", e -> {}));
        EventDispatcher first = instance(FIRST, new Exec("first", e -> {
            clock.advance(Duration.ofSeconds(50));
            if (e.tag().equals("t2")) {
                secondLate.add(second.deliverPending(MANY));
            }
        }));

        assertThat(first.deliverPending(MANY)).isEqualTo(TAGS);

        assertThat(secondLate)
                .as("150 s into the run, long past the first claims' 70 s")
                .containsExactly(0);
        assertThat(received).hasSize(TAGS).allMatch(r -> r.startsWith("first "));
    }

    @Test
    public void aNewDigestEndsTheClaimsOfTheOldOne() {
        DeliveryClaim claim = new DeliveryClaim("cli-exec", "node-c/303@3", T0.plusSeconds(70));
        TagHistory claimed = history("t1").withClaim(claim);
        assertThat(claimed.claim("cli-exec")).contains(claim);
        TagHistory moved =
                claimed.merge(new TagEvent(T0.plusSeconds(1), "localhost:5000/many@" + B, B, 3, "import"), 5);
        assertThat(moved.claims()).isEmpty();
        assertThat(claimed.withDelivered("cli-exec").claims()).isEmpty();
    }
}
