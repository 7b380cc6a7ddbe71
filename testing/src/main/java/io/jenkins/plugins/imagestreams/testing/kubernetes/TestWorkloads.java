package io.jenkins.plugins.imagestreams.testing.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;

/** Workloads for tests, each with labels, an env var and a selector, so changes beside the image would show. */
public final class TestWorkloads {
    public static final String DIGEST = "sha256:" + "a".repeat(64);
    public static final String OTHER_DIGEST = "sha256:" + "b".repeat(64);

    private TestWorkloads() {}

    /** The containers of deployment {@code namespace/name} as the API server has them now. */
    public static List<Container> deploymentContainers(KubernetesClient client, String namespace, String name) {
        return client.apps()
                .deployments()
                .inNamespace(namespace)
                .withName(name)
                .get()
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers();
    }

    public static Container container(String name, String image) {
        return new ContainerBuilder()
                .withName(name)
                .withImage(image)
                .addNewEnv()
                .withName("MODE")
                .withValue(name)
                .endEnv()
                .build();
    }

    public static PodSpec podSpec(List<Container> init, List<Container> containers) {
        return new PodSpecBuilder()
                .withInitContainers(init)
                .withContainers(containers)
                .build();
    }

    public static Deployment deployment(String ns, String name, Map<String, String> labels, PodSpec pod) {
        return new DeploymentBuilder()
                .withMetadata(meta(ns, name, labels))
                .withNewSpec()
                .withReplicas(2)
                .withNewSelector()
                .withMatchLabels(Map.of("app", name))
                .endSelector()
                .withTemplate(template(name, pod))
                .endSpec()
                .build();
    }

    public static StatefulSet statefulSet(String ns, String name, Map<String, String> labels, PodSpec pod) {
        return new StatefulSetBuilder()
                .withMetadata(meta(ns, name, labels))
                .withNewSpec()
                .withReplicas(3)
                .withServiceName(name)
                .withNewSelector()
                .withMatchLabels(Map.of("app", name))
                .endSelector()
                .withTemplate(template(name, pod))
                .endSpec()
                .build();
    }

    public static DaemonSet daemonSet(String ns, String name, Map<String, String> labels, PodSpec pod) {
        return new DaemonSetBuilder()
                .withMetadata(meta(ns, name, labels))
                .withNewSpec()
                .withNewSelector()
                .withMatchLabels(Map.of("app", name))
                .endSelector()
                .withTemplate(template(name, pod))
                .endSpec()
                .build();
    }

    public static CronJob cronJob(String ns, String name, Map<String, String> labels, PodSpec pod) {
        return new CronJobBuilder()
                .withMetadata(meta(ns, name, labels))
                .withNewSpec()
                .withSchedule("*/5 * * * *")
                .withNewJobTemplate()
                .withNewSpec()
                .withTemplate(template(name, pod))
                .endSpec()
                .endJobTemplate()
                .endSpec()
                .build();
    }

    private static ObjectMeta meta(String ns, String name, Map<String, String> labels) {
        return new ObjectMetaBuilder()
                .withNamespace(ns)
                .withName(name)
                .withLabels(labels)
                .build();
    }

    private static PodTemplateSpec template(String name, PodSpec pod) {
        return new PodTemplateSpecBuilder()
                .withNewMetadata()
                .withLabels(Map.of("app", name))
                .endMetadata()
                .withSpec(pod)
                .build();
    }
}
