package io.jenkins.plugins.imagestreams.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagestreams.api.ScheduledTag;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.After;
import org.junit.Test;

public class PushCoalescerTest {
    private static final Duration QUIET = Duration.ofMillis(100);

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private final List<String> requested = new CopyOnWriteArrayList<>();
    private final PushCoalescer coalescer =
            new PushCoalescer(QUIET, Clock.systemUTC(), executor, tag -> requested.add(tag.key()));

    @After
    public void stop() {
        executor.shutdownNow();
    }

    private static ScheduledTag tag(String name) {
        return new ScheduledTag(StreamName.parse("app"), name, "127.0.0.1:5000");
    }

    @Test
    public void twentyRequestsAtOnceForOneTagBecomeOneAfterTheQuietTime() throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            coalescer.request(tag("latest"));
        }
        WatchHarness.await(() -> !requested.isEmpty(), Duration.ofSeconds(5), "the coalesced request");
        long waited = System.nanoTime() - start;
        Thread.sleep(3 * QUIET.toMillis());

        assertThat(requested).containsExactly("default/app:latest");
        assertThat(Duration.ofNanos(waited)).isGreaterThanOrEqualTo(QUIET);
    }

    @Test
    public void eachTagHasItsOwnBurst() throws Exception {
        coalescer.request(tag("a"));
        coalescer.request(tag("b"));
        coalescer.request(tag("a"));

        WatchHarness.await(() -> requested.size() == 2, Duration.ofSeconds(5), "both tags");
        Thread.sleep(3 * QUIET.toMillis());
        assertThat(requested).containsExactlyInAnyOrder("default/app:a", "default/app:b");
    }

    @Test
    public void aBurstThatNeverGoesQuietIsRequestedAfterTenQuietTimesAtTheLatest() throws Exception {
        long start = System.nanoTime();
        while (requested.isEmpty()
                && System.nanoTime() - start < Duration.ofSeconds(5).toNanos()) {
            coalescer.request(tag("busy"));
            Thread.sleep(10);
        }
        long waited = System.nanoTime() - start;

        assertThat(requested).containsExactly("default/app:busy");
        assertThat(Duration.ofNanos(waited))
                .isGreaterThanOrEqualTo(QUIET.multipliedBy(PushCoalescer.MAX_WAIT_FACTOR))
                .isLessThan(Duration.ofSeconds(4));
    }

    @Test
    public void closeDropsOpenBursts() throws Exception {
        coalescer.request(tag("latest"));
        coalescer.close();
        coalescer.request(tag("other"));

        Thread.sleep(3 * QUIET.toMillis());
        assertThat(requested).isEmpty();
    }
}
