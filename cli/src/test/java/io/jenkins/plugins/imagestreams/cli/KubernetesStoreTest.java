package io.jenkins.plugins.imagestreams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.jenkins.plugins.imagestreams.cluster.KubernetesStreamStore;
import io.jenkins.plugins.imagestreams.testing.RegistryFixture;
import io.jenkins.plugins.imagestreams.testing.Skopeo;
import io.jenkins.plugins.imagestreams.testing.TestImages;
import io.jenkins.plugins.imagestreams.testing.kubernetes.CrudKubernetesServer;
import io.jenkins.plugins.imagestreams.testing.kubernetes.ImageStreamDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.After;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@code --store k8s://CONTEXT/NAMESPACE}: streams kept as custom resources of fabric8's mock API server (CRUD mode),
 * reached through a kubeconfig context, seen by the next command and by kubectl's view of the object.
 */
public class KubernetesStoreTest {
    @ClassRule
    public static final RegistryFixture REGISTRY = RegistryFixture.plain();

    @Rule
    public final CrudKubernetesServer kubernetes = new CrudKubernetesServer(false);

    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    @Before
    public void definitionAndKubeconfig() throws Exception {
        ImageStreamDefinition.install(kubernetes.client());
        Path kubeconfig = tmp.newFile("kubeconfig").toPath();
        Files.writeString(
                kubeconfig,
                """
                apiVersion: v1
                kind: Config
                current-context: elsewhere
                clusters:
                - name: mock
                  cluster: {server: %s}
                - name: elsewhere
                  cluster: {server: "http://127.0.0.1:9"}
                users:
                - name: store
                  user: {token: store-token}
                contexts:
                - name: mock
                  context: {cluster: mock, user: store}
                - name: elsewhere
                  context: {cluster: elsewhere, user: store}
                """
                        .formatted(kubernetes.url()));
        System.setProperty("kubeconfig", kubeconfig.toString());
    }

    @After
    public void forgetKubeconfig() {
        System.clearProperty("kubeconfig");
    }

    @Test
    public void anImportLandsInTheClusterAndTheNextCommandReadsItBack() throws Exception {
        String digest = Skopeo.push(TestImages.image(tmp.newFolder().toPath(), "k8s store"), REGISTRY, "k8s/app:1");

        Cli.Result imported = Cli.runRaw(
                "--store",
                "k8s://mock/app-dev",
                "import-image",
                "app-dev/app:latest",
                "--from",
                REGISTRY.host() + "/k8s/app:1");
        Cli.Result described = Cli.runRaw("--store", "k8s://mock/app-dev", "describe", "app-dev/app");

        assertThat(imported.exit()).as(imported.toString()).isZero();
        assertThat(described.exit()).as(described.toString()).isZero();
        assertThat(described.out()).contains(digest);
        GenericKubernetesResource object = kubernetes
                .client()
                .genericKubernetesResources(KubernetesStreamStore.CONTEXT)
                .inNamespace("app-dev")
                .withName("app")
                .get();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> tags = (List<Map<String, Object>>)
                ((Map<String, Object>) object.getAdditionalProperties().get("status")).get("tags");
        assertThat(tags).singleElement().satisfies(tag -> assertThat(tag.get("tag"))
                .isEqualTo("latest"));
        assertThat(tags.get(0).get("items").toString()).contains(digest);
    }

    @Test
    public void aStreamOutsideTheStoresNamespaceIsRefusedNamingIt() {
        Cli.Result outside = Cli.runRaw("--store", "k8s://mock/app-dev", "describe", "app-prod/app");

        assertThat(outside.exit()).isEqualTo(Main.FAILURE);
        assertThat(outside.err()).contains("app-prod/app").contains("namespace app-dev");
    }

    @Test
    public void aBadNamespaceIsAUsageErrorAndAClusterThatCannotBeReachedIsNamed() {
        Cli.Result bad = Cli.runRaw("--store", "k8s://mock/App_Dev", "get", "streams");
        Cli.Result unreachable = Cli.runRaw("--store", "k8s://app-dev", "get", "streams");

        assertThat(bad.exit()).as(bad.toString()).isEqualTo(Main.USAGE);
        assertThat(bad.err()).contains("App_Dev").contains("DNS-1123");
        assertThat(unreachable.exit()).as(unreachable.toString()).isEqualTo(Main.FAILURE);
        assertThat(unreachable.err()).contains("imagestreams.jenkins.io").contains("127.0.0.1:9");
    }

    @Test
    public void aFileStoreMovesIntoTheClusterAndBackWithEveryHistoryEntry() throws Exception {
        Path files = tmp.newFolder("files").toPath();
        Path back = tmp.newFolder("back").toPath();
        Cli cli = new Cli(files);
        for (int v = 1; v <= 3; v++) {
            Skopeo.push(TestImages.image(tmp.newFolder().toPath(), "moved v" + v), REGISTRY, "moved/app:latest");
            assertThat(cli.run("import-image", "app-dev/app:latest", "--from", REGISTRY.host() + "/moved/app:latest")
                            .exit())
                    .isZero();
        }
        String history = cli.run("-o", "json", "history", "app-dev/app:latest").out();

        Cli.Result into = Cli.runRaw("--store", files.toString(), "copy-store", "--to", "k8s://mock/");
        Cli.Result again = Cli.runRaw("--store", files.toString(), "copy-store", "--to", "k8s://mock/");
        Cli.Result out = Cli.runRaw("--store", "k8s://mock/", "copy-store", "--to", back.toString());

        assertThat(into.exit()).as(into.toString()).isZero();
        assertThat(into.out()).contains("copied: app-dev/app").contains("1 copied, 0 already there, 0 different");
        assertThat(again.out()).contains("0 copied, 1 already there, 0 different");
        assertThat(out.exit()).as(out.toString()).isZero();
        assertThat(Cli.runRaw("--store", "k8s://mock/", "-o", "json", "history", "app-dev/app:latest")
                        .out())
                .isEqualTo(history);
        assertThat(new Cli(back)
                        .run("-o", "json", "history", "app-dev/app:latest")
                        .out())
                .isEqualTo(history);
        assertThat(history).contains("\"generation\"");
    }

    @Test
    public void aStreamThatDiffersInTheTargetIsLeftAsItIsAndTheCopyFails() throws Exception {
        Path files = tmp.newFolder("files").toPath();
        Skopeo.push(TestImages.image(tmp.newFolder().toPath(), "differs"), REGISTRY, "differs/app:1");
        String from = REGISTRY.host() + "/differs/app:1";
        assertThat(new Cli(files)
                        .run("import-image", "app-dev/app:one", "--from", from)
                        .exit())
                .isZero();
        assertThat(Cli.runRaw("--store", "k8s://mock/", "import-image", "app-dev/app:two", "--from", from)
                        .exit())
                .isZero();

        Cli.Result copy = Cli.runRaw("--store", files.toString(), "copy-store", "--to", "k8s://mock/");

        assertThat(copy.exit()).isEqualTo(Main.FAILURE);
        assertThat(copy.out()).contains("different there, left as it is: app-dev/app");
        assertThat(Cli.runRaw("--store", "k8s://mock/", "get", "tags", "app-dev/app")
                        .out())
                .contains("two")
                .doesNotContain("one");
    }
}
