package io.jenkins.plugins.imagestreams.deploy;

import static io.jenkins.plugins.imagestreams.testing.kubernetes.TestWorkloads.DIGEST;
import static io.jenkins.plugins.imagestreams.testing.kubernetes.TestWorkloads.container;
import static io.jenkins.plugins.imagestreams.testing.kubernetes.TestWorkloads.podSpec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.testing.ManualClock;
import io.jenkins.plugins.imagestreams.testing.kubernetes.CrudKubernetesServer;
import io.jenkins.plugins.imagestreams.testing.kubernetes.TestWorkloads;
import io.jenkins.plugins.imagestreams.time.Sleeper;
import io.jenkins.plugins.imagestreams.workload.RolloutWait;
import io.jenkins.plugins.imagestreams.workload.WorkloadResult;
import io.jenkins.plugins.imagestreams.workload.WorkloadResult.Outcome;
import io.jenkins.plugins.imagestreams.workload.WorkloadTarget;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;

public class RolloutWaitTest {
    private static final String NS = "app-prod";
    private static final String REPO = "127.0.0.1:5000/app-prod/myapp";
    private static final ImageReference PINNED = ImageReference.parse(REPO + "@" + DIGEST);
    private static final PodSpec POD = podSpec(List.of(), List.of(container("app", REPO + ":1.0")));
    private static final RolloutWait ONE_MINUTE = new RolloutWait(Duration.ofMinutes(1), Duration.ofSeconds(2));

    @Rule
    public final CrudKubernetesServer server = new CrudKubernetesServer(false);

    private KubernetesClient client;
    private final ManualClock clock = new ManualClock();
    private final List<Duration> sleeps = new ArrayList<>();
    private Runnable onFirstSleep = () -> {};

    @Before
    public void setUp() {
        client = server.client();
    }

    /** An updater on the fake clock whose first pause runs {@link #onFirstSleep}, as a controller would act. */
    private WorkloadUpdater updater() {
        return new WorkloadUpdater(client, clock, duration -> {
            if (sleeps.isEmpty()) {
                onFirstSleep.run();
            }
            sleeps.add(duration);
            clock.advance(duration);
        });
    }

    private void deploymentStatus(String name, int updated, int available, int total) {
        client.apps().deployments().inNamespace(NS).withName(name).edit(d -> new DeploymentBuilder(d)
                .withNewStatus()
                .withObservedGeneration(d.getMetadata().getGeneration())
                .withReplicas(total)
                .withUpdatedReplicas(updated)
                .withAvailableReplicas(available)
                .endStatus()
                .build());
    }

    @Test
    public void deploymentRollsOutOnceItsStatusReportsTheNewGenerationAvailable() throws Exception {
        client.resource(TestWorkloads.deployment(NS, "web", Map.of(), POD)).create();
        onFirstSleep = () -> deploymentStatus("web", 2, 2, 2);

        List<WorkloadResult> results =
                updater().update(WorkloadTarget.parse("deployment/app-prod/web"), PINNED, ONE_MINUTE);

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.ROLLED_OUT);
            assertThat(r.containersChanged()).containsExactly("app");
            assertThat(r.message()).contains("2 replicas updated and available");
        });
        assertThat(sleeps).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    public void deploymentWhoseStatusNeverChangesTimesOutOnTheRealClock() throws Exception {
        client.resource(TestWorkloads.deployment(NS, "web", Map.of(), POD)).create();
        WorkloadUpdater updater = new WorkloadUpdater(client, Clock.systemUTC(), Sleeper.threadSleep());

        long start = System.nanoTime();
        List<WorkloadResult> results = updater.update(
                WorkloadTarget.parse("deployment/app-prod/web"),
                PINNED,
                new RolloutWait(Duration.ofMillis(300), Duration.ofMillis(50)));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.TIMED_OUT);
            assertThat(r.message())
                    .contains("rollout not finished after 300ms")
                    .contains("waiting for the controller to observe generation 2");
            assertThat(r.isSuccess()).isFalse();
        });
        assertThat(TestWorkloads.deploymentContainers(client, NS, "web").get(0).getImage())
                .isEqualTo(PINNED.toString());
    }

    @Test
    public void deploymentWithOldReplicasLeftTimesOutSayingSo() throws Exception {
        client.resource(TestWorkloads.deployment(NS, "web", Map.of(), POD)).create();
        onFirstSleep = () -> deploymentStatus("web", 2, 2, 3);

        List<WorkloadResult> results =
                updater().update(WorkloadTarget.parse("deployment/app-prod/web"), PINNED, ONE_MINUTE);

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.TIMED_OUT);
            assertThat(r.message()).contains("1 old replicas pending termination");
        });
        assertThat(sleeps.stream().reduce(Duration.ZERO, Duration::plus)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    public void deploymentPastItsProgressDeadlineFails() throws Exception {
        client.resource(TestWorkloads.deployment(NS, "web", Map.of(), POD)).create();
        onFirstSleep = () -> client.apps()
                .deployments()
                .inNamespace(NS)
                .withName("web")
                .edit(d -> new DeploymentBuilder(d)
                        .withNewStatus()
                        .withObservedGeneration(d.getMetadata().getGeneration())
                        .addNewCondition()
                        .withType("Progressing")
                        .withStatus("False")
                        .withReason("ProgressDeadlineExceeded")
                        .withMessage("ReplicaSet \"web-5d9\" has timed out progressing.")
                        .endCondition()
                        .endStatus()
                        .build());

        List<WorkloadResult> results =
                updater().update(WorkloadTarget.parse("deployment/app-prod/web"), PINNED, ONE_MINUTE);

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(r.message()).contains("progress deadline exceeded").contains("has timed out progressing");
        });
    }

    @Test
    public void statefulSetRollsOutWhenUpdatedReadyAndRevisionsAgree() throws Exception {
        client.resource(TestWorkloads.statefulSet(NS, "db", Map.of(), POD)).create();
        onFirstSleep = () -> client.apps()
                .statefulSets()
                .inNamespace(NS)
                .withName("db")
                .edit(s -> new StatefulSetBuilder(s)
                        .withNewStatus()
                        .withObservedGeneration(s.getMetadata().getGeneration())
                        .withReplicas(3)
                        .withUpdatedReplicas(3)
                        .withReadyReplicas(3)
                        .withCurrentRevision("db-2")
                        .withUpdateRevision("db-2")
                        .endStatus()
                        .build());

        List<WorkloadResult> results =
                updater().update(WorkloadTarget.parse("statefulset/app-prod/db"), PINNED, ONE_MINUTE);

        assertThat(results).extracting(WorkloadResult::outcome).containsExactly(Outcome.ROLLED_OUT);
    }

    @Test
    public void statefulSetWithTooFewReadyReplicasTimesOut() throws Exception {
        client.resource(TestWorkloads.statefulSet(NS, "db", Map.of(), POD)).create();
        onFirstSleep = () -> client.apps()
                .statefulSets()
                .inNamespace(NS)
                .withName("db")
                .edit(s -> new StatefulSetBuilder(s)
                        .withNewStatus()
                        .withObservedGeneration(s.getMetadata().getGeneration())
                        .withUpdatedReplicas(3)
                        .withReadyReplicas(1)
                        .endStatus()
                        .build());

        List<WorkloadResult> results =
                updater().update(WorkloadTarget.parse("statefulset/app-prod/db"), PINNED, ONE_MINUTE);

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.TIMED_OUT);
            assertThat(r.message()).contains("1 of 3 replicas ready");
        });
    }

    @Test
    public void daemonSetRollsOutWhenEveryScheduledPodIsUpdatedAndAvailable() throws Exception {
        client.resource(TestWorkloads.daemonSet(NS, "agent", Map.of(), POD)).create();
        onFirstSleep = () -> client.apps()
                .daemonSets()
                .inNamespace(NS)
                .withName("agent")
                .edit(s -> new DaemonSetBuilder(s)
                        .withNewStatus()
                        .withObservedGeneration(s.getMetadata().getGeneration())
                        .withDesiredNumberScheduled(4)
                        .withUpdatedNumberScheduled(4)
                        .withNumberAvailable(4)
                        .endStatus()
                        .build());

        List<WorkloadResult> results =
                updater().update(WorkloadTarget.parse("daemonset/app-prod/agent"), PINNED, ONE_MINUTE);

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.ROLLED_OUT);
            assertThat(r.message()).contains("4 scheduled pods");
        });
    }

    @Test
    public void cronJobHasNoRolloutAndIsDoneWithoutWaiting() throws Exception {
        client.resource(TestWorkloads.cronJob(NS, "report", Map.of(), POD)).create();

        List<WorkloadResult> results =
                updater().update(WorkloadTarget.parse("cronjob/app-prod/report"), PINNED, ONE_MINUTE);

        assertThat(results).extracting(WorkloadResult::outcome).containsExactly(Outcome.ROLLED_OUT);
        assertThat(sleeps).isEmpty();
    }

    @Test
    public void unchangedWorkloadIsNotAwaited() throws Exception {
        client.resource(TestWorkloads.deployment(
                        NS, "web", Map.of(), podSpec(List.of(), List.of(container("app", PINNED.toString())))))
                .create();

        List<WorkloadResult> results =
                updater().update(WorkloadTarget.parse("deployment/app-prod/web"), PINNED, ONE_MINUTE);

        assertThat(results).extracting(WorkloadResult::outcome).containsExactly(Outcome.UNCHANGED);
        assertThat(sleeps).isEmpty();
    }

    @Test
    public void selectorWaitsForEveryWorkloadUnderOneDeadline() throws Exception {
        client.resource(TestWorkloads.deployment(NS, "web-a", Map.of("tier", "web"), POD))
                .create();
        client.resource(TestWorkloads.deployment(NS, "web-b", Map.of("tier", "web"), POD))
                .create();
        onFirstSleep = () -> deploymentStatus("web-a", 2, 2, 2);

        List<WorkloadResult> results =
                updater().update(WorkloadTarget.parse("deployment/app-prod/-l tier=web"), PINNED, ONE_MINUTE);

        assertThat(results)
                .extracting(WorkloadResult::name, WorkloadResult::outcome)
                .containsExactly(tuple("web-a", Outcome.ROLLED_OUT), tuple("web-b", Outcome.TIMED_OUT));
        assertThat(sleeps.stream().reduce(Duration.ZERO, Duration::plus)).isEqualTo(Duration.ofMinutes(1));
    }
}
