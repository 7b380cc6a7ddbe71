package io.jenkins.plugins.imagestreams.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagestreams.api.ImportResult;
import io.jenkins.plugins.imagestreams.api.ScheduledTag;
import io.jenkins.plugins.imagestreams.api.SchedulerSettings;
import io.jenkins.plugins.imagestreams.importing.ImportScheduler.TagState;
import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.TagCondition;
import io.jenkins.plugins.imagestreams.stream.TagEvent;
import io.jenkins.plugins.imagestreams.testing.ManualClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.junit.After;
import org.junit.Test;

public class ImportSchedulerTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final SchedulerSettings NO_JITTER = SchedulerSettings.DEFAULT.withJitter(0);

    private final ManualClock clock = new ManualClock(T0);
    private final ManualExecutor executor = new ManualExecutor(clock);
    private final List<String> log = new ArrayList<>();
    private final Map<String, List<Instant>> times = new HashMap<>();
    private Function<String, ImportResult> outcome = key -> ok();
    private ImportScheduler scheduler;
    /** The pool of the tests that run on real threads; shut down after each test, with the scheduler. */
    private final CountingPool pool = new CountingPool();

    @After
    public void stop() {
        if (scheduler != null) {
            scheduler.close();
        }
        pool.shutdownNow();
    }

    private static ImportResult ok() {
        Digest d = Digest.sha256("x".getBytes());
        return new ImportResult.Unchanged(new TagEvent(T0, "r/x@" + d, d, 1, "import"));
    }

    private static ImportResult failed(Optional<Duration> retryAfter) {
        return new ImportResult.Failed(
                TagCondition.importFailed("InternalError", "registry down", 2, T0), true, retryAfter);
    }

    private static ScheduledTag tag(String stream, String registry) {
        return new ScheduledTag(StreamName.parse(stream), "latest", registry);
    }

    private ImportScheduler start(SchedulerSettings settings) {
        scheduler = new ImportScheduler(
                (stream, tag) -> {
                    String key = stream.name();
                    log.add(key);
                    times.computeIfAbsent(key, k -> new ArrayList<>()).add(clock.instant());
                    return outcome.apply(key);
                },
                settings,
                clock,
                executor,
                new Random(42));
        return scheduler;
    }

    private static List<Long> gapsInSeconds(List<Instant> instants) {
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < instants.size(); i++) {
            gaps.add(Duration.between(instants.get(i - 1), instants.get(i)).toSeconds());
        }
        return gaps;
    }

    @Test
    public void aPassOverThirtyThousandTagsTakesTheSchedulerLittleTime() {
        int count = 30_000;
        List<ScheduledTag> tags = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tags.add(new ScheduledTag(StreamName.parse("s" + i / 10), "t" + i, "r" + i % 3));
        }
        List<String> imported = new ArrayList<>();
        scheduler = new ImportScheduler(
                (stream, tag) -> {
                    imported.add(tag);
                    return ok();
                },
                NO_JITTER.withRateLimit(Integer.MAX_VALUE / 2, count).withMaxConcurrent(8),
                clock,
                executor,
                new Random(42));
        long started = System.nanoTime();
        scheduler.scheduleOnly(tags);
        executor.runUntilIdle();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(imported).hasSize(count).doesNotHaveDuplicates();
        assertThat(took)
                .as("scheduling cost per pass must not grow with the square of the tags")
                .isLessThan(Duration.ofSeconds(10));
    }

    /** 200 tags of 3 registries, all due now, each of its own stream: one import each. */
    private static List<ScheduledTag> dueTags() {
        List<ScheduledTag> tags = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            tags.add(new ScheduledTag(StreamName.parse("s" + i), "t" + i, "r" + i % 3));
        }
        return tags;
    }

    /** A pool of 4 threads that counts the tasks handed to it. */
    private static final class CountingPool extends ScheduledThreadPoolExecutor {
        final AtomicInteger handedOff = new AtomicInteger();

        CountingPool() {
            super(4);
        }

        @Override
        public void execute(Runnable command) {
            handedOff.incrementAndGet();
            super.execute(command);
        }
    }

    /** Schedules {@link #dueTags()} on a real clock and {@link #pool}, 4 imports at once, the rate out of the way. */
    private void passOnPool(TagImporter importer) {
        scheduler = new ImportScheduler(
                importer,
                NO_JITTER.withRateLimit(Integer.MAX_VALUE / 2, 200).withMaxConcurrent(4),
                Clock.systemUTC(),
                pool,
                new Random(42));
        scheduler.scheduleOnly(dueTags());
    }

    @Test
    public void aThreadThatEndsAnImportStartsTheNextItselfInsteadOfHandingItToAnother() throws Exception {
        CountDownLatch all = new CountDownLatch(200);
        Set<String> threads = ConcurrentHashMap.newKeySet();
        passOnPool((stream, tag) -> {
            threads.add(Thread.currentThread().getName());
            all.countDown();
            return ok();
        });

        assertThat(all.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(pool.handedOff.get())
                .as("one hand-off per " + ImportScheduler.IN_A_ROW + " imports of a thread")
                .isBetween(200 / ImportScheduler.IN_A_ROW, 200 / ImportScheduler.IN_A_ROW + 4);
        assertThat(threads).hasSizeLessThanOrEqualTo(4);
    }

    @Test
    public void otherWorkOnTheExecutorWaitsForAFewImportsOfAThreadNotForTheWholePass() throws Exception {
        AtomicInteger imported = new AtomicInteger();
        CompletableFuture<Integer> importedWhenOtherWorkRan = new CompletableFuture<>();
        CountDownLatch all = new CountDownLatch(200);
        passOnPool((stream, tag) -> {
            if (imported.incrementAndGet() == 20) {
                pool.execute(() -> importedWhenOtherWorkRan.complete(imported.get()));
            }
            // an import waits on its registry, as real ones do: the threads are not all busy computing
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            all.countDown();
            return ok();
        });

        assertThat(all.await(30, TimeUnit.SECONDS)).isTrue();
        // ahead of it: the 4 imports running and at most 4 queued, each going on for at most IN_A_ROW imports
        assertThat(importedWhenOtherWorkRan.get(30, TimeUnit.SECONDS))
                .isLessThanOrEqualTo(20 + 8 * ImportScheduler.IN_A_ROW);
    }

    @Test
    public void aThreadOfAnExecutorShutDownStartsNoMoreImports() throws Exception {
        AtomicInteger imported = new AtomicInteger();
        passOnPool((stream, tag) -> {
            if (imported.incrementAndGet() == 10) {
                pool.shutdown();
            }
            return ok();
        });

        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(imported.get())
                .as("the imports under way at the shut-down end; none starts after")
                .isLessThan(14);
    }

    /** The tags of each call of {@link TagImporter#importTags}, as stream:tag1,tag2 in the order of the calls. */
    private final List<String> calls = new ArrayList<>();

    /** A scheduler on the manual clock whose importer logs each call, the tags named {@code bad} failing. */
    private ImportScheduler startLoggingCalls(SchedulerSettings settings) {
        TogetherImporter importer = (stream, tags) -> {
            calls.add(stream.name() + ":" + String.join(",", tags));
            if (tags.contains("bad")) {
                throw new IllegalArgumentException("tag 'bad' does not exist in image stream " + stream);
            }
            Map<String, ImportResult> results = new HashMap<>();
            tags.forEach(t -> results.put(t, ok()));
            return results;
        };
        scheduler = new ImportScheduler(importer, settings, clock, executor, new Random(42));
        return scheduler;
    }

    private static List<ScheduledTag> tagsOf(String stream, String registry, String... tags) {
        List<ScheduledTag> all = new ArrayList<>();
        for (String tag : tags) {
            all.add(new ScheduledTag(StreamName.parse(stream), tag, registry));
        }
        return all;
    }

    @Test
    public void tagsOfAStreamDueTogetherAreImportedTogether() {
        startLoggingCalls(NO_JITTER);
        List<ScheduledTag> tags = new ArrayList<>(tagsOf("a", "r1", "1", "2", "3"));
        tags.addAll(tagsOf("b", "r1", "1", "2"));
        tags.addAll(tagsOf("c", "r2", "1"));
        scheduler.scheduleOnly(tags);
        executor.runUntilIdle();

        assertThat(calls).containsExactlyInAnyOrder("a:1,2,3", "b:1,2", "c:1");
    }

    @Test
    public void atMostSixteenTagsAreImportedTogether() {
        startLoggingCalls(NO_JITTER.withRateLimit(Integer.MAX_VALUE / 2, 100));
        String[] names = new String[40];
        for (int i = 0; i < names.length; i++) {
            names[i] = String.format(Locale.ROOT, "t%02d", i);
        }
        scheduler.scheduleOnly(tagsOf("a", "r1", names));
        executor.runUntilIdle();

        assertThat(calls)
                .extracting(c -> c.split(",").length)
                .containsExactly(ImportScheduler.TOGETHER, ImportScheduler.TOGETHER, 40 - 2 * ImportScheduler.TOGETHER);
    }

    @Test
    public void tagsImportedTogetherAreDueAgainTogether() {
        startLoggingCalls(SchedulerSettings.DEFAULT.withJitter(0.2));
        scheduler.scheduleOnly(tagsOf("a", "r1", "1", "2", "3", "4"));
        executor.runUntilIdle();
        executor.advance(SchedulerSettings.DEFAULT.interval().multipliedBy(2).plusMinutes(1));

        assertThat(calls).hasSizeGreaterThanOrEqualTo(3).containsOnly("a:1,2,3,4");
        assertThat(scheduler.states())
                .extracting(TagState::due)
                .containsOnly(due(tagsOf("a", "r1", "1").get(0)));
    }

    @Test
    public void aTagOfTheStreamThatIsNotDueYetWaitsForItsTime() {
        startLoggingCalls(NO_JITTER);
        scheduler.schedule(new ScheduledTag(StreamName.parse("a"), "1", "r1"));
        executor.runUntilIdle();
        executor.advance(Duration.ofMinutes(1));
        scheduler.schedule(new ScheduledTag(StreamName.parse("a"), "2", "r1"));
        executor.runUntilIdle();
        executor.advance(NO_JITTER.interval().minusMinutes(1));

        assertThat(calls).containsExactly("a:1", "a:2", "a:1");
    }

    @Test
    public void eachTagTakesOneTokenOfItsRegistryWhenImportedTogether() {
        startLoggingCalls(NO_JITTER.withRateLimit(6, 4));
        scheduler.scheduleOnly(tagsOf("a", "r1", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"));
        executor.runUntilIdle();
        assertThat(calls).containsExactly("a:1,10,2,3");

        executor.advance(Duration.ofMinutes(1));
        assertThat(String.join(",", calls).split(",")).hasSize(10);
    }

    @Test
    public void aTagThatCannotBeImportedWithItsSiblingsFailsAloneAndTheyDoNot() {
        startLoggingCalls(NO_JITTER);
        scheduler.scheduleOnly(tagsOf("a", "r1", "1", "bad", "2"));
        executor.runUntilIdle();

        assertThat(calls).containsExactly("a:1,2,bad", "a:1", "a:2", "a:bad");
        assertThat(scheduler.states())
                .extracting(s -> s.tag().tag() + "=" + s.failures())
                .containsExactlyInAnyOrder("1=0", "2=0", "bad=1");
    }

    @Test
    public void aRequestedTagIsImportedWithRequestedSiblingsOnlyNotBehindDueOnes() {
        startLoggingCalls(NO_JITTER.withMaxConcurrent(1));
        scheduler.schedule(new ScheduledTag(StreamName.parse("busy"), "1", "r1"));
        tagsOf("a", "r1", "1", "2").forEach(scheduler::schedule);
        scheduler.requestImport(new ScheduledTag(StreamName.parse("a"), "pushed", "r1"));
        scheduler.requestImport(new ScheduledTag(StreamName.parse("a"), "pushed-too", "r1"));
        executor.runUntilIdle();

        assertThat(calls).containsExactly("busy:1", "a:pushed,pushed-too", "a:1,2");
    }

    @Test
    public void withoutLeadershipOnlyRequestedImportsRunAndScheduledOnesStartWhenItComes() {
        AtomicBoolean leading = new AtomicBoolean();
        scheduler = new ImportScheduler(
                (stream, tag) -> {
                    log.add(stream.name());
                    times.computeIfAbsent(stream.name(), k -> new ArrayList<>()).add(clock.instant());
                    return ok();
                },
                NO_JITTER,
                clock,
                executor,
                new Random(42),
                leading::get);
        scheduler.schedule(tag("scheduled", "r1"));
        executor.advance(Duration.ofMinutes(20));
        scheduler.requestImport(tag("pushed", "r1"));
        executor.runUntilIdle();

        assertThat(log).containsExactly("pushed");

        leading.set(true);
        scheduler.leadershipChanged();
        executor.runUntilIdle();
        executor.advance(Duration.ofMinutes(10));

        assertThat(times.get("scheduled"))
                .containsExactly(
                        T0.plus(Duration.ofMinutes(20)),
                        T0.plus(Duration.ofMinutes(25)),
                        T0.plus(Duration.ofMinutes(30)));

        leading.set(false);
        scheduler.leadershipChanged();
        executor.advance(Duration.ofMinutes(10));

        assertThat(times.get("scheduled")).hasSize(3);
    }

    @Test
    public void newTagImportsAtOnceThenEveryIntervalWithJitter() {
        start(SchedulerSettings.DEFAULT).schedule(tag("app", "r1"));
        executor.runUntilIdle();
        assertThat(times.get("app")).containsExactly(T0);
        executor.advance(Duration.ofHours(2));
        List<Long> gaps = gapsInSeconds(times.get("app"));
        assertThat(gaps).hasSizeGreaterThan(18).allSatisfy(g -> assertThat(g).isBetween(270L, 330L));
        assertThat(gaps.stream().distinct().count())
                .as("jitter varies the gaps")
                .isGreaterThan(5);
    }

    @Test
    public void failuresBackOffExponentiallyCappedAtTheInterval() {
        outcome = key -> failed(Optional.empty());
        start(NO_JITTER).schedule(tag("app", "r1"));
        executor.advance(Duration.ofMinutes(20));
        assertThat(gapsInSeconds(times.get("app")).subList(0, 7)).containsExactly(10L, 20L, 40L, 80L, 160L, 300L, 300L);
        assertThat(scheduler.states()).singleElement().satisfies(s -> assertThat(s.failures())
                .isGreaterThan(7));
    }

    @Test
    public void successAfterFailuresReturnsToTheInterval() {
        int[] calls = {0};
        outcome = key -> calls[0]++ < 3 ? failed(Optional.empty()) : ok();
        start(NO_JITTER).schedule(tag("app", "r1"));
        executor.advance(Duration.ofMinutes(17));
        assertThat(gapsInSeconds(times.get("app"))).containsExactly(10L, 20L, 40L, 300L, 300L, 300L);
        assertThat(scheduler.states().get(0).failures()).isZero();
    }

    @Test
    public void registryRetryAfterHintStretchesTheBackoffWithinTheInterval() {
        outcome = key -> failed(Optional.of(Duration.ofSeconds(90)));
        start(NO_JITTER).schedule(tag("app", "r1"));
        executor.advance(Duration.ofMinutes(6));
        assertThat(gapsInSeconds(times.get("app")).subList(0, 3)).containsExactly(90L, 90L, 90L);
        assertThat(scheduler.retryDelay(1, Optional.of(Duration.ofHours(1)))).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    public void unexpectedImporterExceptionCountsAsAFailure() {
        outcome = key -> {
            throw new IllegalStateException("store broke");
        };
        start(NO_JITTER).schedule(tag("app", "r1"));
        executor.advance(Duration.ofSeconds(35));
        assertThat(gapsInSeconds(times.get("app"))).containsExactly(10L, 20L);
    }

    @Test
    public void requestedImportJumpsAheadOfDueTags() {
        start(NO_JITTER.withRateLimit(1, 1));
        scheduler.schedule(tag("a", "r1"));
        scheduler.schedule(tag("b", "r1"));
        scheduler.schedule(tag("c", "r1"));
        executor.runUntilIdle();
        scheduler.requestImport(tag("pushed", "r1"));
        executor.advance(Duration.ofMinutes(3));
        assertThat(log).containsExactly("a", "pushed", "b", "c");
        assertThat(scheduler.states()).extracting(s -> s.tag().stream().name()).containsExactly("a", "b", "c");
    }

    @Test
    public void registriesTakeTurns() {
        start(NO_JITTER.withMaxConcurrent(1));
        List<ScheduledTag> tags = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            tags.add(tag("busy-" + i, "busy.example:5000"));
        }
        tags.add(tag("quiet-0", "quiet.example:5000"));
        tags.add(tag("quiet-1", "quiet.example:5000"));
        scheduler.scheduleOnly(tags);
        executor.runUntilIdle();
        assertThat(log.subList(0, 5)).containsExactly("busy-0", "quiet-0", "busy-1", "quiet-1", "busy-2");
    }

    @Test
    public void schedulingTheTagsOfOneStreamLeavesTheOtherStreamsAlone() {
        start(NO_JITTER);
        ScheduledTag a1 = new ScheduledTag(StreamName.parse("a"), "one", "r.example");
        ScheduledTag a2 = new ScheduledTag(StreamName.parse("a"), "two", "r.example");
        ScheduledTag b1 = new ScheduledTag(StreamName.parse("b"), "one", "r.example");
        scheduler.scheduleOnly(List.of(a1, a2, b1));
        executor.runUntilIdle();
        Instant bDue = due(b1);

        scheduler.scheduleOnly(StreamName.parse("a"), List.of(a2));

        assertThat(scheduler.states()).extracting(s -> s.tag().key()).containsExactlyInAnyOrder(a2.key(), b1.key());
        assertThat(due(b1)).isEqualTo(bDue);
        assertThatThrownBy(() -> scheduler.scheduleOnly(StreamName.parse("a"), List.of(b1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("default/b:one is not a tag of stream default/a");
    }

    private Instant due(ScheduledTag tag) {
        return scheduler.states().stream()
                .filter(s -> s.tag().equals(tag))
                .findFirst()
                .orElseThrow()
                .due();
    }

    @Test
    public void eachRegistryIsRateLimited() {
        start(NO_JITTER.withRateLimit(6, 2));
        for (int i = 0; i < 20; i++) {
            scheduler.schedule(tag("slow-" + i, "slow.example"));
        }
        scheduler.schedule(tag("other", "fast.example"));
        executor.runUntilIdle();
        assertThat(log).hasSize(3).contains("other");
        executor.advance(Duration.ofMinutes(1));
        assertThat(log.stream().filter(k -> k.startsWith("slow"))).hasSize(2 + 6);
    }

    @Test
    public void requestDuringAnImportRunsItOnceMoreAfterwardsNeverConcurrently() {
        int[] inFlight = {0};
        int[] maxInFlight = {0};
        outcome = key -> {
            inFlight[0]++;
            maxInFlight[0] = Math.max(maxInFlight[0], inFlight[0]);
            if (log.size() == 1) {
                scheduler.requestImport(tag("app", "r1"));
                scheduler.requestImport(tag("app", "r1"));
                executor.runUntilIdle();
            }
            inFlight[0]--;
            return ok();
        };
        start(NO_JITTER).schedule(tag("app", "r1"));
        executor.runUntilIdle();
        assertThat(log).containsExactly("app", "app");
        assertThat(maxInFlight[0]).isEqualTo(1);
    }

    @Test
    public void onDemandImportOfAnUnscheduledTagRunsOnce() {
        start(NO_JITTER).requestImport(tag("manual", "r1"));
        executor.advance(Duration.ofHours(1));
        assertThat(log).containsExactly("manual");
        assertThat(scheduler.states()).isEmpty();
    }

    @Test
    public void unscheduledTagsStopAndScheduleOnlyKeepsTimings() {
        start(NO_JITTER);
        scheduler.schedule(tag("a", "r1"));
        scheduler.schedule(tag("b", "r1"));
        executor.advance(Duration.ofMinutes(1));
        scheduler.scheduleOnly(List.of(tag("b", "r1"), tag("c", "r1")));
        executor.advance(Duration.ofMinutes(5));
        assertThat(times.get("a")).hasSize(1);
        assertThat(times.get("b")).containsExactly(T0, T0.plusSeconds(300));
        assertThat(times.get("c")).containsExactly(T0.plusSeconds(60), T0.plusSeconds(360));
    }

    @Test
    public void closedSchedulerStartsNothing() {
        start(NO_JITTER).schedule(tag("a", "r1"));
        executor.runUntilIdle();
        scheduler.close();
        executor.advance(Duration.ofHours(1));
        assertThat(log).containsExactly("a");
        assertThat(executor.scheduledCount()).isZero();
    }

    @Test
    public void settingsRejectTooShortIntervalsAndBadJitter() {
        assertThatThrownBy(() -> SchedulerSettings.DEFAULT.withInterval(Duration.ofSeconds(9)))
                .hasMessageContaining("minimum is 10 s");
        assertThatThrownBy(() -> SchedulerSettings.DEFAULT.withJitter(0.9)).hasMessageContaining("jitter");
        assertThat(SchedulerSettings.DEFAULT.interval()).isEqualTo(Duration.ofMinutes(5));
    }
}
