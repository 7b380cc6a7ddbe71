package io.jenkins.plugins.imagestreams.service;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.imagestreams.deploy.KubernetesConnection;
import io.jenkins.plugins.imagestreams.deploy.KubernetesDeployer;
import io.jenkins.plugins.imagestreams.deploy.WorkloadUpdater;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.workload.RolloutWait;
import io.jenkins.plugins.imagestreams.workload.WorkloadResult;
import io.jenkins.plugins.imagestreams.workload.WorkloadTarget;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The default {@link DeployerFactory}: fabric8's client over the connection {@link ClusterAccess} describes. */
final class KubernetesDeployers implements DeployerFactory {
    @Override
    public OpenDeployer open(ClusterAccess access) {
        KubernetesClient client = connection(access).connect();
        KubernetesDeployer deployer = new KubernetesDeployer(new WorkloadUpdater(client));
        return new OpenDeployer() {
            @Override
            public List<WorkloadResult> deploy(
                    List<WorkloadTarget> targets, ImageReference image, Optional<RolloutWait> wait)
                    throws InterruptedException {
                return deployer.deploy(targets, image, wait);
            }

            @Override
            public void close() {
                client.close();
            }
        };
    }

    static KubernetesConnection connection(ClusterAccess access) {
        if (access instanceof ClusterAccess.Kubeconfig k) {
            return k.file().isPresent() || k.context().isPresent()
                    ? KubernetesConnection.kubeconfig(
                            k.file().orElseGet(KubernetesDeployers::defaultKubeconfig),
                            k.context().orElse(null))
                    : KubernetesConnection.kubeconfig();
        }
        if (access instanceof ClusterAccess.Token t) {
            return KubernetesConnection.token(
                    t.server(), t.token(), t.caCertificatePem().orElse(null));
        }
        return KubernetesConnection.inCluster();
    }

    /**
     * The {@code kubeconfig} system property (fabric8's), else {@code $KUBECONFIG}'s first file, else {@code
     * ~/.kube/config}: kubectl's lookup.
     */
    private static Path defaultKubeconfig() {
        String property = System.getProperty("kubeconfig");
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        String env = System.getenv("KUBECONFIG");
        if (env != null && !env.isBlank()) {
            return Path.of(env.split(File.pathSeparator)[0]);
        }
        return Path.of(System.getProperty("user.home"), ".kube", "config");
    }
}
