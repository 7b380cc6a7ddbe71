package io.jenkins.plugins.imagestreams.deploy;

import static io.jenkins.plugins.imagestreams.testing.kubernetes.TestWorkloads.DIGEST;
import static io.jenkins.plugins.imagestreams.testing.kubernetes.TestWorkloads.container;
import static io.jenkins.plugins.imagestreams.testing.kubernetes.TestWorkloads.podSpec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.Assume.assumeTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.testing.kubernetes.TestWorkloads;
import io.jenkins.plugins.imagestreams.workload.WorkloadResult;
import io.jenkins.plugins.imagestreams.workload.WorkloadResult.Outcome;
import io.jenkins.plugins.imagestreams.workload.WorkloadTarget;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * Updates a Deployment on a real cluster, the one {@code $KUBECONFIG} names; skipped when it is not set. Not run by a
 * plain build (surefire runs {@code *Test}); run it with {@code -Dtest=RealClusterIT}. It works in a temporary
 * namespace that it deletes afterwards. The image is never pulled, so no registry is needed.
 */
public class RealClusterIT {
    private static final String REPO = "127.0.0.1:5000/app-prod/myapp";
    private static final ImageReference PINNED = ImageReference.parse(REPO + "@" + DIGEST);

    private KubernetesClient client;
    private String namespace;

    @Before
    public void connect() {
        String kubeconfig = System.getenv("KUBECONFIG");
        assumeTrue(
                "KUBECONFIG is not set; skipping the real-cluster test", kubeconfig != null && !kubeconfig.isBlank());
        client = KubernetesConnection.kubeconfig().connect();
        namespace = "imagestreams-it-" + UUID.randomUUID().toString().substring(0, 8);
        client.resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(namespace)
                        .endMetadata()
                        .build())
                .create();
    }

    @After
    public void deleteNamespace() {
        if (client != null) {
            if (namespace != null) {
                client.namespaces().withName(namespace).delete();
            }
            client.close();
        }
    }

    @Test
    public void deploymentOnARealClusterGetsThePinnedImageInItsPodTemplate() throws Exception {
        client.resource(TestWorkloads.deployment(
                        namespace,
                        "web",
                        Map.of("app", "web"),
                        podSpec(
                                List.of(),
                                List.of(
                                        container("app", REPO + ":1.0"),
                                        container("proxy", "envoyproxy/envoy:v1.30.1")))))
                .create();
        WorkloadUpdater updater = new WorkloadUpdater(client);
        WorkloadTarget target = WorkloadTarget.parse("deployment/" + namespace + "/web");

        List<WorkloadResult> first = updater.update(target, PINNED);
        List<WorkloadResult> second = updater.update(target, PINNED);

        assertThat(first).extracting(WorkloadResult::outcome).containsExactly(Outcome.UPDATED);
        assertThat(second).extracting(WorkloadResult::outcome).containsExactly(Outcome.UNCHANGED);
        List<Container> containers = TestWorkloads.deploymentContainers(client, namespace, "web");
        assertThat(containers)
                .extracting(Container::getName, Container::getImage)
                .containsExactly(tuple("app", PINNED.toString()), tuple("proxy", "envoyproxy/envoy:v1.30.1"));
        assertThatThrownBy(() -> updater.update(WorkloadTarget.parse("deployment/" + namespace + "/absent"), PINNED))
                .isInstanceOf(WorkloadException.class);
    }
}
