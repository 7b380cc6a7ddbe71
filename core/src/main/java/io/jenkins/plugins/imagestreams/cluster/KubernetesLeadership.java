package io.jenkins.plugins.imagestreams.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfig;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.jenkins.plugins.imagestreams.importing.Leadership;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Leadership held through a {@code coordination.k8s.io} Lease, with fabric8's leader elector: of the processes that
 * name the same lease, one leads; it renews the lease every retry period, and when it stops (or dies) another takes
 * over once the lease has expired: the others try every retry period with up to 120% jitter, so within the lease
 * duration plus 2.2 retry periods. Closing releases the lease at once.
 */
public final class KubernetesLeadership implements Leadership, AutoCloseable {
    /** The lease the scheduled imports of processes sharing one store are elected on. */
    public static final String LEASE = "imagestreams-scheduler";

    /** How long a lease holds without renewal, how long the leader tries to renew, how often everyone tries. */
    public record Timing(Duration leaseDuration, Duration renewDeadline, Duration retryPeriod) {
        /**
         * Kubernetes' own controllers' lease and deadline (15 s, 10 s) with a retry period of 1 s rather than 2 s: a
         * dead leader's scheduled imports run again within the lease duration + 2.2 s, not + 4.4 s, for one lease
         * read a second per process and one renewal a second by the leader.
         */
        public static final Timing DEFAULT =
                new Timing(Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(1));

        public Timing {
            Objects.requireNonNull(leaseDuration, "leaseDuration");
            Objects.requireNonNull(renewDeadline, "renewDeadline");
            Objects.requireNonNull(retryPeriod, "retryPeriod");
            if (renewDeadline.compareTo(leaseDuration) >= 0 || retryPeriod.compareTo(renewDeadline) >= 0) {
                throw new IllegalArgumentException("a lease needs retry period < renew deadline < lease duration, got "
                        + retryPeriod + ", " + renewDeadline + ", " + leaseDuration);
            }
        }
    }

    private final String identity;
    private final CompletableFuture<?> running;
    private volatile boolean leading;
    private volatile String leader = "";

    private KubernetesLeadership(
            KubernetesClient client, String namespace, String identity, Timing timing, Runnable changed) {
        this.identity = identity;
        LeaderCallbacks callbacks = new LeaderCallbacks(
                () -> {
                    leading = true;
                    changed.run();
                },
                () -> {
                    leading = false;
                    changed.run();
                },
                newLeader -> leader = newLeader);
        LeaderElectionConfig config = new LeaderElectionConfig(
                new LeaseLock(namespace, LEASE, identity),
                timing.leaseDuration(),
                timing.renewDeadline(),
                timing.retryPeriod(),
                callbacks,
                true,
                LEASE);
        LeaderElector elector = client.leaderElector().withConfig(config).build();
        this.running = elector.start();
    }

    /**
     * Starts taking part in the election of lease {@value #LEASE} in {@code namespace}, on the client's own threads;
     * {@code changed} runs each time this process starts or stops leading.
     */
    public static KubernetesLeadership start(
            KubernetesClient client, String namespace, String identity, Timing timing, Runnable changed) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(timing, "timing");
        Objects.requireNonNull(changed, "changed");
        return new KubernetesLeadership(client, namespace, identity, timing, changed);
    }

    @Override
    public boolean leading() {
        return leading;
    }

    /** This process's identity in the election. */
    public String identity() {
        return identity;
    }

    /** Who leads, as the last renewal seen said; empty before any. */
    public String leader() {
        return leader;
    }

    /** Stops taking part and, if leading, releases the lease so another process leads at once. */
    @Override
    public void close() {
        running.cancel(true);
        leading = false;
    }
}
