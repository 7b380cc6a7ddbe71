package io.jenkins.plugins.imagestreams.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.jenkins.plugins.imagestreams.testing.kubernetes.CrudKubernetesServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.Rule;
import org.junit.Test;

/**
 * Leader election on a Lease of fabric8's mock API server (CRUD mode): one of two processes leads, and when it stops
 * or dies the other takes over within the lease duration plus a retry period.
 */
public class KubernetesLeadershipTest {
    private static final KubernetesLeadership.Timing FAST =
            new KubernetesLeadership.Timing(Duration.ofMillis(1500), Duration.ofMillis(1000), Duration.ofMillis(200));

    @Rule
    public final CrudKubernetesServer server = new CrudKubernetesServer(false);

    private KubernetesClient newClient() {
        return new KubernetesClientBuilder()
                .withConfig(server.client().getConfiguration())
                .build();
    }

    private static Duration waitFor(BooleanSupplier condition, Duration limit) throws InterruptedException {
        Instant start = Instant.now();
        while (!condition.getAsBoolean()) {
            if (Duration.between(start, Instant.now()).compareTo(limit) > 0) {
                throw new AssertionError("not within " + limit);
            }
            Thread.sleep(20);
        }
        return Duration.between(start, Instant.now());
    }

    @Test
    public void oneOfTwoLeadsAndTheOtherTakesOverWhenItStops() throws Exception {
        AtomicInteger changes = new AtomicInteger();
        try (KubernetesClient one = newClient();
                KubernetesClient two = newClient()) {
            KubernetesLeadership a =
                    KubernetesLeadership.start(one, "image-streams", "a", FAST, changes::incrementAndGet);
            KubernetesLeadership b =
                    KubernetesLeadership.start(two, "image-streams", "b", FAST, changes::incrementAndGet);
            waitFor(() -> a.leading() || b.leading(), Duration.ofSeconds(5));
            Thread.sleep(FAST.leaseDuration().toMillis());
            assertThat(List.of(a.leading(), b.leading())).containsExactlyInAnyOrder(true, false);
            KubernetesLeadership leader = a.leading() ? a : b;
            KubernetesLeadership other = leader == a ? b : a;
            assertThat(other.leader()).isEqualTo(leader.identity());

            leader.close();
            Duration takeover = waitFor(other::leading, Duration.ofSeconds(5));

            assertThat(takeover)
                    .isLessThanOrEqualTo(
                            FAST.leaseDuration().plus(FAST.retryPeriod().multipliedBy(2)));
            assertThat(changes.get()).isGreaterThanOrEqualTo(2);
            other.close();
        }
    }

    @Test
    public void whenTheLeaderDiesTheOtherLeadsOnceTheLeaseHasExpired() throws Exception {
        KubernetesClient doomed = newClient();
        try (KubernetesClient survivor = newClient()) {
            KubernetesLeadership first = KubernetesLeadership.start(doomed, "image-streams", "first", FAST, () -> {});
            waitFor(first::leading, Duration.ofSeconds(5));
            KubernetesLeadership second =
                    KubernetesLeadership.start(survivor, "image-streams", "second", FAST, () -> {});
            Thread.sleep(FAST.leaseDuration().toMillis());
            assertThat(second.leading()).isFalse();

            doomed.close();
            Duration takeover = waitFor(second::leading, Duration.ofSeconds(10));

            assertThat(takeover)
                    .as("a new leader within the lease duration and two retry periods")
                    .isLessThanOrEqualTo(
                            FAST.leaseDuration().plus(FAST.retryPeriod().multipliedBy(2)));
            second.close();
        }
    }
}
