package io.jenkins.plugins.imagestreams.deploy;

import static io.jenkins.plugins.imagestreams.testing.kubernetes.TestWorkloads.DIGEST;
import static io.jenkins.plugins.imagestreams.testing.kubernetes.TestWorkloads.OTHER_DIGEST;
import static io.jenkins.plugins.imagestreams.testing.kubernetes.TestWorkloads.container;
import static io.jenkins.plugins.imagestreams.testing.kubernetes.TestWorkloads.podSpec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.testing.kubernetes.CrudKubernetesServer;
import io.jenkins.plugins.imagestreams.testing.kubernetes.TestWorkloads;
import io.jenkins.plugins.imagestreams.workload.WorkloadKind;
import io.jenkins.plugins.imagestreams.workload.WorkloadResult;
import io.jenkins.plugins.imagestreams.workload.WorkloadResult.Outcome;
import io.jenkins.plugins.imagestreams.workload.WorkloadTarget;
import java.util.List;
import java.util.Map;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;

public class WorkloadUpdaterTest {
    private static final String NS = "app-prod";
    private static final String REPO = "127.0.0.1:5000/app-prod/myapp";
    private static final ImageReference PINNED = ImageReference.parse(REPO + "@" + DIGEST);
    private static final String PINNED_TEXT = REPO + "@" + DIGEST;

    @Rule
    public final CrudKubernetesServer server = new CrudKubernetesServer(false);

    private KubernetesClient client;
    private WorkloadUpdater updater;

    @Before
    public void setUp() {
        client = server.client();
        updater = new WorkloadUpdater(client);
    }

    private static PodSpec appWithSidecar() {
        return podSpec(
                List.of(container("migrate", REPO + ":1.0")),
                List.of(container("app", REPO + ":1.0"), container("proxy", "docker.io/envoyproxy/envoy:v1.30.1")));
    }

    private <T extends HasMetadata> T create(T workload) {
        return client.resource(workload).create();
    }

    private HasMetadata read(WorkloadKind kind, String name) {
        return client.resources(WorkloadKinds.type(kind))
                .inNamespace(NS)
                .withName(name)
                .get();
    }

    private Map<String, String> images(WorkloadKind kind, String name) {
        PodSpec pod = WorkloadKinds.podSpec(kind, read(kind, name)).orElseThrow();
        var images = new java.util.LinkedHashMap<String, String>();
        pod.getInitContainers().forEach(c -> images.put(c.getName(), c.getImage()));
        pod.getContainers().forEach(c -> images.put(c.getName(), c.getImage()));
        return images;
    }

    @Test
    public void deploymentByNamePinsEveryContainerAndInitContainerOfTheRepository() throws Exception {
        create(TestWorkloads.deployment(NS, "web", Map.of("app", "web"), appWithSidecar()));
        server.takeRequests();

        List<WorkloadResult> results = updater.update(WorkloadTarget.parse("deployment/app-prod/web"), PINNED);

        assertThat(server.takeRequests())
                .filteredOn(r -> r.getMethod().equals("PATCH"))
                .singleElement()
                .satisfies(r -> assertThat(r.getHeader("Content-Type")).startsWith("application/json-patch+json"));

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(WorkloadKind.DEPLOYMENT);
            assertThat(r.name()).isEqualTo("web");
            assertThat(r.outcome()).isEqualTo(Outcome.UPDATED);
            assertThat(r.containersChanged()).containsExactly("migrate", "app");
            assertThat(r.previousImages())
                    .containsExactly(Map.entry("migrate", REPO + ":1.0"), Map.entry("app", REPO + ":1.0"));
            assertThat(r.image()).isEqualTo(PINNED_TEXT);
        });
        assertThat(images(WorkloadKind.DEPLOYMENT, "web"))
                .containsExactly(
                        Map.entry("migrate", PINNED_TEXT),
                        Map.entry("app", PINNED_TEXT),
                        Map.entry("proxy", "docker.io/envoyproxy/envoy:v1.30.1"));
    }

    @Test
    public void statefulSetByNameIsPinned() throws Exception {
        create(TestWorkloads.statefulSet(
                NS, "db", Map.of(), podSpec(List.of(), List.of(container("db", REPO + "@" + OTHER_DIGEST)))));

        List<WorkloadResult> results = updater.update(WorkloadTarget.parse("StatefulSet/app-prod/db"), PINNED);

        assertThat(results).extracting(WorkloadResult::outcome).containsExactly(Outcome.UPDATED);
        assertThat(images(WorkloadKind.STATEFULSET, "db")).containsExactly(Map.entry("db", PINNED_TEXT));
    }

    @Test
    public void daemonSetByNameIsPinned() throws Exception {
        create(TestWorkloads.daemonSet(
                NS, "agent", Map.of(), podSpec(List.of(), List.of(container("agent", REPO + ":2.0")))));

        updater.update(WorkloadTarget.parse("DAEMONSET/app-prod/agent"), PINNED);

        assertThat(images(WorkloadKind.DAEMONSET, "agent")).containsExactly(Map.entry("agent", PINNED_TEXT));
    }

    @Test
    public void cronJobPodTemplateInsideItsJobTemplateIsPinned() throws Exception {
        create(TestWorkloads.cronJob(NS, "report", Map.of(), appWithSidecar()));

        List<WorkloadResult> results = updater.update(WorkloadTarget.parse("cronjob/app-prod/report"), PINNED);

        assertThat(results).extracting(WorkloadResult::containersChanged).containsExactly(List.of("migrate", "app"));
        assertThat(images(WorkloadKind.CRONJOB, "report"))
                .containsEntry("app", PINNED_TEXT)
                .containsEntry("migrate", PINNED_TEXT)
                .containsEntry("proxy", "docker.io/envoyproxy/envoy:v1.30.1");
    }

    @Test
    public void selectorUpdatesEveryLabelledWorkloadAndLeavesOthersAlone() throws Exception {
        PodSpec pod = podSpec(List.of(), List.of(container("app", REPO + ":1.0")));
        create(TestWorkloads.deployment(NS, "web-b", Map.of("team", "shop", "tier", "web"), pod));
        create(TestWorkloads.deployment(NS, "web-a", Map.of("team", "shop", "tier", "web"), pod));
        create(TestWorkloads.deployment(NS, "api", Map.of("team", "shop", "tier", "api"), pod));
        create(TestWorkloads.deployment("app-test", "web-a", Map.of("team", "shop", "tier", "web"), pod));

        List<WorkloadResult> results =
                updater.update(WorkloadTarget.parse("deployment/app-prod/-l team=shop,tier=web"), PINNED);

        assertThat(results).extracting(WorkloadResult::name).containsExactly("web-a", "web-b");
        assertThat(results).extracting(WorkloadResult::outcome).containsOnly(Outcome.UPDATED);
        assertThat(images(WorkloadKind.DEPLOYMENT, "web-a")).containsEntry("app", PINNED_TEXT);
        assertThat(images(WorkloadKind.DEPLOYMENT, "web-b")).containsEntry("app", PINNED_TEXT);
        assertThat(images(WorkloadKind.DEPLOYMENT, "api")).containsEntry("app", REPO + ":1.0");
        assertThat(TestWorkloads.deploymentContainers(client, "app-test", "web-a")
                        .get(0)
                        .getImage())
                .isEqualTo(REPO + ":1.0");
    }

    @Test
    public void selectorOnEveryKindFindsLabelledWorkloads() throws Exception {
        PodSpec pod = podSpec(List.of(), List.of(container("app", REPO + ":1.0")));
        Map<String, String> labels = Map.of("app.kubernetes.io/part-of", "shop");
        create(TestWorkloads.statefulSet(NS, "db", labels, pod));
        create(TestWorkloads.daemonSet(NS, "agent", labels, pod));
        create(TestWorkloads.cronJob(NS, "report", labels, pod));

        for (String kind : List.of("statefulset", "daemonset", "cronjob")) {
            List<WorkloadResult> results =
                    updater.update(WorkloadTarget.parse(kind + "/app-prod/-l app.kubernetes.io/part-of=shop"), PINNED);
            assertThat(results)
                    .singleElement()
                    .extracting(WorkloadResult::outcome)
                    .isEqualTo(Outcome.UPDATED);
        }
        assertThat(images(WorkloadKind.STATEFULSET, "db")).containsEntry("app", PINNED_TEXT);
        assertThat(images(WorkloadKind.DAEMONSET, "agent")).containsEntry("app", PINNED_TEXT);
        assertThat(images(WorkloadKind.CRONJOB, "report")).containsEntry("app", PINNED_TEXT);
    }

    @Test
    public void namedContainerIsSetWhateverItRunsAndItsSiblingsKeepTheirImages() throws Exception {
        create(TestWorkloads.deployment(NS, "web", Map.of(), appWithSidecar()));

        List<WorkloadResult> results = updater.update(WorkloadTarget.parse("deployment/app-prod/web:proxy"), PINNED);

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.containersChanged()).containsExactly("proxy");
            assertThat(r.previousImages()).containsExactly(Map.entry("proxy", "docker.io/envoyproxy/envoy:v1.30.1"));
        });
        assertThat(images(WorkloadKind.DEPLOYMENT, "web"))
                .containsExactly(
                        Map.entry("migrate", REPO + ":1.0"),
                        Map.entry("app", REPO + ":1.0"),
                        Map.entry("proxy", PINNED_TEXT));
    }

    @Test
    public void namedInitContainerIsSetAlone() throws Exception {
        create(TestWorkloads.deployment(NS, "web", Map.of(), appWithSidecar()));

        updater.update(WorkloadTarget.parse("deployment/app-prod/web:migrate"), PINNED);

        assertThat(images(WorkloadKind.DEPLOYMENT, "web"))
                .containsEntry("migrate", PINNED_TEXT)
                .containsEntry("app", REPO + ":1.0");
    }

    @Test
    public void onlyTheImageFieldsChange() throws Exception {
        HasMetadata before = create(TestWorkloads.deployment(NS, "web", Map.of("app", "web"), appWithSidecar()));

        updater.update(WorkloadTarget.parse("deployment/app-prod/web"), PINNED);

        var after = client.apps().deployments().inNamespace(NS).withName("web").get();
        var expected = TestWorkloads.deployment(
                NS,
                "web",
                Map.of("app", "web"),
                podSpec(
                        List.of(container("migrate", PINNED_TEXT)),
                        List.of(
                                container("app", PINNED_TEXT),
                                container("proxy", "docker.io/envoyproxy/envoy:v1.30.1"))));
        assertThat(after.getSpec()).isEqualTo(expected.getSpec());
        assertThat(after.getMetadata().getLabels())
                .isEqualTo(before.getMetadata().getLabels());
        assertThat(after.getMetadata().getUid()).isEqualTo(before.getMetadata().getUid());
    }

    @Test
    public void dockerHubShortNamesMatchTheirFullRepository() throws Exception {
        create(TestWorkloads.deployment(
                NS,
                "web",
                Map.of(),
                podSpec(List.of(), List.of(container("nginx", "nginx:1.27"), container("busybox", "busybox:1.36")))));

        updater.update(WorkloadTarget.parse("deployment/app-prod/web"), ImageReference.parse("nginx@" + DIGEST));

        assertThat(images(WorkloadKind.DEPLOYMENT, "web"))
                .containsEntry("nginx", "docker.io/library/nginx@" + DIGEST)
                .containsEntry("busybox", "busybox:1.36");
    }

    @Test
    public void workloadAlreadyAtTheDigestIsUnchangedAndNotWritten() throws Exception {
        create(TestWorkloads.deployment(
                NS,
                "web",
                Map.of(),
                podSpec(
                        List.of(),
                        List.of(container("app", PINNED_TEXT), container("app2", REPO + ":1.0@" + DIGEST)))));
        String resourceVersion =
                read(WorkloadKind.DEPLOYMENT, "web").getMetadata().getResourceVersion();
        server.takeRequests();

        List<WorkloadResult> results = updater.update(WorkloadTarget.parse("deployment/app-prod/web"), PINNED);

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.UNCHANGED);
            assertThat(r.containersChanged()).isEmpty();
            assertThat(r.previousImages()).containsOnlyKeys("app", "app2");
        });
        assertThat(server.takeRequests()).extracting(r -> r.getMethod()).doesNotContain("PATCH", "PUT");
        assertThat(read(WorkloadKind.DEPLOYMENT, "web").getMetadata().getResourceVersion())
                .isEqualTo(resourceVersion);
    }

    @Test
    public void secondUpdateWithTheSameImageIsUnchanged() throws Exception {
        create(TestWorkloads.deployment(NS, "web", Map.of(), appWithSidecar()));
        updater.update(WorkloadTarget.parse("deployment/app-prod/web"), PINNED);

        List<WorkloadResult> again = updater.update(WorkloadTarget.parse("deployment/app-prod/web"), PINNED);

        assertThat(again).extracting(WorkloadResult::outcome).containsExactly(Outcome.UNCHANGED);
    }

    @Test
    public void missingWorkloadIsAnErrorNamingKindNamespaceAndName() {
        assertThatThrownBy(() -> updater.update(WorkloadTarget.parse("statefulset/app-prod/nope"), PINNED))
                .isInstanceOfSatisfying(WorkloadException.class, e -> {
                    assertThat(e.kind()).isEqualTo(WorkloadKind.STATEFULSET);
                    assertThat(e.namespace()).isEqualTo(NS);
                    assertThat(e.name()).isEqualTo("nope");
                })
                .hasMessageContaining("StatefulSet app-prod/nope does not exist");
    }

    @Test
    public void anApiServerThatNeverAnswersIsAnErrorNamingWhatStoppedTheRequest() {
        io.fabric8.kubernetes.client.Config unreachable = new io.fabric8.kubernetes.client.ConfigBuilder()
                .withMasterUrl("http://127.0.0.1:1/")
                .withRequestRetryBackoffLimit(0)
                .build();
        try (KubernetesClient nowhere = new io.fabric8.kubernetes.client.KubernetesClientBuilder()
                .withConfig(unreachable)
                .build()) {
            assertThatThrownBy(() -> new WorkloadUpdater(nowhere)
                            .update(WorkloadTarget.parse("deployment/app-prod/web"), PINNED))
                    .isInstanceOf(WorkloadException.class)
                    .hasMessageContaining("cannot get Deployment app-prod/web")
                    .hasMessageMatching("(?s).*\\((\\w*Connect\\w*|\\w*IOException): .*\\)");
        }
    }

    @Test
    public void selectorMatchingNothingIsAnError() {
        create(TestWorkloads.deployment(NS, "web", Map.of("tier", "web"), appWithSidecar()));

        assertThatThrownBy(() -> updater.update(WorkloadTarget.parse("deployment/app-prod/-l tier=db"), PINNED))
                .isInstanceOf(WorkloadException.class)
                .hasMessageContaining("no Deployment in namespace app-prod has labels tier=db");
    }

    @Test
    public void workloadWithoutContainerOfTheRepositoryFailsAndNoWorkloadIsWritten() throws Exception {
        create(TestWorkloads.deployment(NS, "web-a", Map.of("tier", "web"), appWithSidecar()));
        create(TestWorkloads.deployment(
                NS,
                "web-b",
                Map.of("tier", "web"),
                podSpec(List.of(), List.of(container("other", "127.0.0.1:5000/app-prod/other:1.0")))));
        server.takeRequests();

        assertThatThrownBy(() -> updater.update(WorkloadTarget.parse("deployment/app-prod/-l tier=web"), PINNED))
                .isInstanceOfSatisfying(
                        WorkloadException.class, e -> assertThat(e.name()).isEqualTo("web-b"))
                .hasMessageContaining(
                        "Deployment app-prod/web-b has no container or init container running an image of " + REPO)
                .hasMessageContaining("other=127.0.0.1:5000/app-prod/other:1.0");
        assertThat(server.takeRequests()).extracting(r -> r.getMethod()).doesNotContain("PATCH", "PUT");
        assertThat(images(WorkloadKind.DEPLOYMENT, "web-a")).containsEntry("app", REPO + ":1.0");
    }

    @Test
    public void unknownContainerNameIsAnErrorListingTheContainers() {
        create(TestWorkloads.daemonSet(NS, "agent", Map.of(), appWithSidecar()));

        assertThatThrownBy(() -> updater.update(WorkloadTarget.parse("daemonset/app-prod/agent:sidecar"), PINNED))
                .isInstanceOf(WorkloadException.class)
                .hasMessageContaining("DaemonSet app-prod/agent has no container or init container named 'sidecar'")
                .hasMessageContaining("migrate=" + REPO + ":1.0 (init)");
    }

    @Test
    public void imageWithoutDigestIsRejectedBeforeAnyRequest() {
        create(TestWorkloads.deployment(NS, "web", Map.of(), appWithSidecar()));

        assertThatThrownBy(() -> updater.update(
                        WorkloadTarget.parse("deployment/app-prod/web"), ImageReference.parse(REPO + ":2.0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no digest");
        assertThat(images(WorkloadKind.DEPLOYMENT, "web")).containsEntry("app", REPO + ":1.0");
    }

    @Test
    public void taggedAndDigestedInputIsWrittenWithoutItsTag() throws Exception {
        create(TestWorkloads.deployment(NS, "web", Map.of(), appWithSidecar()));

        updater.update(
                WorkloadTarget.parse("deployment/app-prod/web:app"), ImageReference.parse(REPO + ":2.0@" + DIGEST));

        assertThat(images(WorkloadKind.DEPLOYMENT, "web")).containsEntry("app", PINNED_TEXT);
    }

    @Test
    public void patchMadeFromAStaleReadChangesNothing() {
        create(TestWorkloads.deployment(NS, "web", Map.of(), appWithSidecar()));
        client.apps().deployments().inNamespace(NS).withName("web").edit(d -> {
            d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(REPO + ":1.1");
            return d;
        });
        String stale = ImagePatch.of(
                WorkloadKinds.podSpecPointer(WorkloadKind.DEPLOYMENT),
                List.of(new ContainerMatch(false, 0, "app", REPO + ":1.0")),
                PINNED_TEXT);

        // a real API server answers a failed test operation with 422; the mock server never answers it, so give up soon
        Config noRetries = new ConfigBuilder(client.getConfiguration())
                .withRequestRetryBackoffLimit(0)
                .withRequestTimeout(1000)
                .build();
        try (KubernetesClient once =
                new KubernetesClientBuilder().withConfig(noRetries).build()) {
            assertThatThrownBy(() -> new WorkloadApi(once).patch(WorkloadKind.DEPLOYMENT, NS, "web", stale))
                    .isInstanceOf(KubernetesClientException.class);
        }
        assertThat(images(WorkloadKind.DEPLOYMENT, "web")).containsEntry("app", REPO + ":1.1");
    }
}
