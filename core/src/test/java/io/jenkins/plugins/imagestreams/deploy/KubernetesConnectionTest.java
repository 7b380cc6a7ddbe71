package io.jenkins.plugins.imagestreams.deploy;

import static io.jenkins.plugins.imagestreams.testing.kubernetes.TestWorkloads.container;
import static io.jenkins.plugins.imagestreams.testing.kubernetes.TestWorkloads.podSpec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.jenkins.plugins.imagestreams.testing.kubernetes.CrudKubernetesServer;
import io.jenkins.plugins.imagestreams.testing.kubernetes.TestWorkloads;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class KubernetesConnectionTest {
    private static final String NS = "app-prod";

    @Rule
    public final CrudKubernetesServer server = new CrudKubernetesServer(true);

    @Rule
    public final TemporaryFolder temp = new TemporaryFolder();

    @Before
    public void createWorkload() {
        server.client()
                .resource(TestWorkloads.deployment(
                        NS, "web", Map.of(), podSpec(List.of(), List.of(container("app", "nginx:1.27")))))
                .create();
    }

    /** Reads the test Deployment through {@code connection} and returns the Authorization header it sent. */
    private String readWebThrough(KubernetesConnection connection) throws InterruptedException {
        server.takeRequests();
        try (KubernetesClient client = connection.connect()) {
            assertThat(client.apps()
                            .deployments()
                            .inNamespace(NS)
                            .withName("web")
                            .get())
                    .isNotNull();
        }
        List<RecordedRequest> requests = server.takeRequests();
        assertThat(requests).isNotEmpty();
        return requests.get(requests.size() - 1).getHeader("Authorization");
    }

    @Test
    public void toStringRedactsTheToken() {
        KubernetesConnection connection =
                KubernetesConnection.token(URI.create("https://127.0.0.1:6443"), "s3cr3t-token-value", null);

        assertThat(connection.toString())
                .doesNotContain("s3cr3t-token-value")
                .contains("token ****")
                .contains("https://127.0.0.1:6443");
    }

    @Test
    public void explicitTokenReachesAServerSignedByTheGivenCa() throws Exception {
        KubernetesConnection connection =
                KubernetesConnection.token(URI.create(server.url()), "deploy-token", server.certificatePem());

        assertThat(readWebThrough(connection)).isEqualTo("Bearer deploy-token");
    }

    @Test
    public void serverCertificateIsVerifiedByDefault() {
        KubernetesConnection connection = KubernetesConnection.token(URI.create(server.url()), "deploy-token", null);

        Config config = connection.config();
        assertThat(config.isTrustCerts()).isFalse();
        assertThat(config.isDisableHostnameVerification()).isFalse();
        // the same configuration without fabric8's retries, which would only repeat the same handshake failure
        config.setRequestRetryBackoffLimit(0);
        assertThatThrownBy(() -> {
                    try (KubernetesClient client =
                            new KubernetesClientBuilder().withConfig(config).build()) {
                        client.apps()
                                .deployments()
                                .inNamespace(NS)
                                .withName("web")
                                .get();
                    }
                })
                .isInstanceOf(KubernetesClientException.class)
                .hasStackTraceContaining("PKIX");
    }

    @Test
    public void plainHttpIsRefusedForANonLoopbackServer() {
        assertThatThrownBy(() -> KubernetesConnection.token(URI.create("http://10.0.0.1:8080"), "t", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("plain http to a non-loopback host");
        assertThatThrownBy(() -> KubernetesConnection.token(URI.create("ftp://127.0.0.1"), "t", null))
                .hasMessageContaining("must be https://");
    }

    @Test
    public void blankTokenAndNonPemCaAreRejected() {
        URI url = URI.create(server.url());
        assertThatThrownBy(() -> KubernetesConnection.token(url, " ", null)).hasMessageContaining("token is empty");
        assertThatThrownBy(() -> KubernetesConnection.token(url, "t", "not a certificate"))
                .hasMessageContaining("not a PEM X.509 certificate");
    }

    @Test
    public void kubeconfigFileConnectsThroughTheChosenContext() throws Exception {
        String ca = Base64.getEncoder().encodeToString(server.certificatePem().getBytes(StandardCharsets.US_ASCII));
        Path kubeconfig = temp.newFile("kubeconfig").toPath();
        Files.writeString(
                kubeconfig,
                """
                apiVersion: v1
                kind: Config
                current-context: unreachable
                clusters:
                - name: unreachable
                  cluster:
                    server: https://127.0.0.1:1
                - name: mock
                  cluster:
                    server: %s
                    certificate-authority-data: %s
                users:
                - name: nobody
                  user:
                    token: nobody-token
                - name: deployer
                  user:
                    token: deployer-token
                contexts:
                - name: unreachable
                  context: {cluster: unreachable, user: nobody}
                - name: mock
                  context: {cluster: mock, user: deployer, namespace: app-prod}
                """
                        .formatted(server.url(), ca));

        assertThat(KubernetesConnection.kubeconfig(kubeconfig, null).config().getMasterUrl())
                .startsWith("https://127.0.0.1:1");
        KubernetesConnection mock = KubernetesConnection.kubeconfig(kubeconfig, "mock");
        assertThat(mock.toString()).contains("context mock");
        assertThat(readWebThrough(mock)).isEqualTo("Bearer deployer-token");
    }

    @Test
    public void missingKubeconfigFileIsNamed() {
        Path absent = temp.getRoot().toPath().resolve("absent");

        assertThatThrownBy(() -> KubernetesConnection.kubeconfig(absent, null).connect())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kubeconfig " + absent + " does not exist");
    }

    @Test
    public void inClusterUsesTheMountedServiceAccountAndRereadsItsToken() throws Exception {
        Path account = temp.newFolder("serviceaccount").toPath();
        Files.writeString(account.resolve("ca.crt"), server.certificatePem());
        Files.writeString(account.resolve("token"), "first-token\n");
        URI url = URI.create(server.url());
        KubernetesConnection connection = KubernetesConnection.inCluster(
                account,
                Map.of("KUBERNETES_SERVICE_HOST", url.getHost(), "KUBERNETES_SERVICE_PORT", "" + url.getPort()));

        assertThat(readWebThrough(connection)).isEqualTo("Bearer first-token");
        Files.writeString(account.resolve("token"), "rotated-token");
        assertThat(readWebThrough(connection)).isEqualTo("Bearer rotated-token");
    }

    @Test
    public void inClusterOutsideAPodSaysSo() {
        KubernetesConnection connection =
                KubernetesConnection.inCluster(temp.getRoot().toPath(), Map.of());

        assertThatThrownBy(connection::connect)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not running in a Kubernetes pod");
    }
}
