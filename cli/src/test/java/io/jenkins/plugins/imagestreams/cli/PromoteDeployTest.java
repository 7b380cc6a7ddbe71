package io.jenkins.plugins.imagestreams.cli;

import static io.jenkins.plugins.imagestreams.testing.kubernetes.TestWorkloads.container;
import static io.jenkins.plugins.imagestreams.testing.kubernetes.TestWorkloads.podSpec;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.testing.RegistryFixture;
import io.jenkins.plugins.imagestreams.testing.Skopeo;
import io.jenkins.plugins.imagestreams.testing.TestImages;
import io.jenkins.plugins.imagestreams.testing.kubernetes.CrudKubernetesServer;
import io.jenkins.plugins.imagestreams.testing.kubernetes.TestWorkloads;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** {@code imagestreams promote --deploy}: through a kubeconfig file to fabric8's mock API server in CRUD mode. */
public class PromoteDeployTest {
    @ClassRule
    public static final RegistryFixture REGISTRY = RegistryFixture.plain();

    @Rule
    public final CrudKubernetesServer kubernetes = new CrudKubernetesServer(true);

    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    private Cli cli;
    private String repo;
    private Digest v1;

    @Before
    public void setUp() throws Exception {
        cli = new Cli(tmp.newFolder("store").toPath());
        repo = REGISTRY.host() + "/deploy/web";
        v1 = Digest.parse(Skopeo.push(TestImages.image(tmp.newFolder().toPath(), "web v1"), REGISTRY, "deploy/web:1"));
        kubernetes
                .client()
                .resource(TestWorkloads.deployment(
                        "app-prod",
                        "web",
                        Map.of(),
                        podSpec(List.of(), List.of(container("web", repo + ":0"), container("proxy", "envoy:1.30")))))
                .create();
        Cli.Result imported = cli.run("import-image", "app-staging/web:latest", "--from", repo + ":1");
        assertThat(imported.exit()).as(imported.toString()).isZero();
    }

    /** A kubeconfig whose current context is the mock server, trusted by its own certificate. */
    private Path kubeconfig() throws Exception {
        String ca =
                Base64.getEncoder().encodeToString(kubernetes.certificatePem().getBytes(StandardCharsets.US_ASCII));
        Path file = tmp.newFile("kubeconfig").toPath();
        Files.writeString(
                file,
                """
                apiVersion: v1
                kind: Config
                current-context: mock
                clusters:
                - name: mock
                  cluster:
                    server: %s
                    certificate-authority-data: %s
                users:
                - name: deployer
                  user:
                    token: deployer-token
                contexts:
                - name: mock
                  context: {cluster: mock, user: deployer, namespace: app-prod}
                """
                        .formatted(kubernetes.url(), ca));
        return file;
    }

    private List<Container> webContainers() {
        return TestWorkloads.deploymentContainers(kubernetes.client(), "app-prod", "web");
    }

    /** {@code promote app-staging/web:latest --to app-prod/web:latest --deploy <workload>} through the kubeconfig. */
    private Cli.Result promoteDeploying(String workload) throws Exception {
        return cli.run(
                "promote",
                "app-staging/web:latest",
                "--to",
                "app-prod/web:latest",
                "--deploy",
                workload,
                "--kubeconfig",
                kubeconfig().toString());
    }

    @Test
    public void promotionSetsTheWorkloadsContainerOfTheRepositoryToThePinnedImage() throws Exception {
        Cli.Result promoted = promoteDeploying("deployment/app-prod/web");

        assertThat(promoted.exit()).as(promoted.toString()).isZero();
        assertThat(promoted.out()).contains("Promoted " + v1).contains("Deployment app-prod/web: UPDATED [web]");
        assertThat(webContainers())
                .extracting(Container::getName, Container::getImage)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("web", repo + "@" + v1),
                        org.assertj.core.groups.Tuple.tuple("proxy", "envoy:1.30"));
        assertThat(cli.run("history", "app-prod/web:latest").out()).contains(v1.toString());
    }

    @Test
    public void aMissingWorkloadFailsTheCommandNamingItAfterTheTagMovedAndTouchesNoOtherWorkload() throws Exception {
        Cli.Result promoted = promoteDeploying("deployment/app-prod/absent");

        assertThat(promoted.exit()).as(promoted.toString()).isEqualTo(Main.FAILURE);
        assertThat(promoted.out())
                .contains("Deployment app-prod/absent: FAILED - Deployment app-prod/absent does not exist");
        assertThat(promoted.err())
                .contains("into app-prod/web:latest moved the tag, but: Deployment app-prod/absent: FAILED");
        assertThat(cli.run("history", "app-prod/web:latest").out()).contains(v1.toString());
        assertThat(webContainers()).extracting(Container::getImage).containsExactly(repo + ":0", "envoy:1.30");
    }
}
