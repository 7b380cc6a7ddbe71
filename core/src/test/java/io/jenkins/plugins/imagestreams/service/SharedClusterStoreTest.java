package io.jenkins.plugins.imagestreams.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.jenkins.plugins.imagestreams.cluster.KubernetesStreamStore;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.stream.ImageStreamSpec;
import io.jenkins.plugins.imagestreams.stream.ImportPolicy;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import io.jenkins.plugins.imagestreams.stream.TagSpec;
import io.jenkins.plugins.imagestreams.testing.RegistryFixture;
import io.jenkins.plugins.imagestreams.testing.Skopeo;
import io.jenkins.plugins.imagestreams.testing.TestImages;
import io.jenkins.plugins.imagestreams.testing.kubernetes.CrudKubernetesServer;
import io.jenkins.plugins.imagestreams.testing.kubernetes.ImageStreamDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.After;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Two services, as two processes, keeping their streams in one cluster (fabric8's mock API server): their watchers
 * elect one to run the scheduled imports, and when it stops the other runs them.
 */
public class SharedClusterStoreTest {
    @ClassRule
    public static final RegistryFixture REGISTRY = RegistryFixture.plain();

    @Rule
    public final CrudKubernetesServer kubernetes = new CrudKubernetesServer(false);

    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(4);
    private ImageStreamService a;
    private ImageStreamService b;

    @Before
    public void twoServicesOnOneCluster() throws Exception {
        ImageStreamDefinition.install(kubernetes.client());
        Path kubeconfig = tmp.newFile("kubeconfig").toPath();
        Files.writeString(
                kubeconfig,
                """
                apiVersion: v1
                kind: Config
                current-context: mock
                clusters:
                - name: mock
                  cluster: {server: %s}
                users:
                - name: u
                  user: {token: t}
                contexts:
                - name: mock
                  context: {cluster: mock, user: u}
                """
                        .formatted(kubernetes.url()));
        ClusterAccess access = ClusterAccess.kubeconfig(Optional.of(kubeconfig), Optional.of("mock"));
        a = ImageStreamService.builder()
                .kubernetesStore(access, Optional.of("app-dev"))
                .executor(executor)
                .build();
        b = ImageStreamService.builder()
                .kubernetesStore(access, Optional.of("app-dev"))
                .executor(executor)
                .build();
    }

    @After
    public void close() {
        a.close();
        b.close();
        executor.shutdownNow();
    }

    private static void waitFor(BooleanSupplier condition, Duration limit) throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within " + limit);
            }
            Thread.sleep(50);
        }
    }

    @Test
    public void oneWatcherRunsTheScheduleAndTheOtherTakesItOverWhenItStops() throws Exception {
        Skopeo.push(TestImages.image(tmp.newFolder().toPath(), "shared schedule"), REGISTRY, "shared/app:1");
        StreamName stream = StreamName.of("app-dev", "app");
        a.apply(
                "test",
                List.of(new StreamDefinition(
                        stream,
                        ImageStreamSpec.empty()
                                .withTag(TagSpec.of(
                                                "latest",
                                                new TagSource.DockerImage(
                                                        ImageReference.parse(REGISTRY.reference("shared/app:1"))))
                                        .withImportPolicy(ImportPolicy.DEFAULT.withScheduled(true))))));
        AtomicInteger byA = new AtomicInteger();
        AtomicInteger byB = new AtomicInteger();
        a.watch(w -> w.importListener((s, t, r) -> byA.incrementAndGet()).resyncEvery(Duration.ofSeconds(1)));
        waitFor(() -> byA.get() == 1, Duration.ofSeconds(10));
        b.watch(w -> w.importListener((s, t, r) -> byB.incrementAndGet()).resyncEvery(Duration.ofSeconds(1)));
        Thread.sleep(3000);

        assertThat(byB.get())
                .as("the second watcher runs no scheduled import while the first leads")
                .isZero();

        a.stopWatching();
        waitFor(() -> byB.get() == 1, Duration.ofSeconds(10));
        assertThat(byA.get()).isEqualTo(1);
        assertThat(b.stream(stream).orElseThrow().currentImage("latest")).isPresent();
    }

    @Test
    public void aScheduledTagAddedWithKubectlEditIsImportedLikeAConfigurationChange() throws Exception {
        Skopeo.push(TestImages.image(tmp.newFolder().toPath(), "edited in"), REGISTRY, "edited/app:1");
        StreamName stream = StreamName.of("app-dev", "edited");
        a.apply("test", List.of(new StreamDefinition(stream, ImageStreamSpec.empty())));
        AtomicInteger imports = new AtomicInteger();
        a.watch(w -> w.importListener((s, t, r) -> imports.incrementAndGet()).resyncEvery(Duration.ofSeconds(1)));
        GenericKubernetesResource object = kubernetes
                .client()
                .genericKubernetesResources(KubernetesStreamStore.CONTEXT)
                .inNamespace("app-dev")
                .withName("edited")
                .get();
        @SuppressWarnings("unchecked")
        Map<String, Object> spec =
                (Map<String, Object>) object.getAdditionalProperties().get("spec");
        spec.put(
                "tags",
                List.of(Map.of(
                        "name",
                        "latest",
                        "from",
                        Map.of("kind", "DockerImage", "name", REGISTRY.reference("edited/app:1")),
                        "reference",
                        false,
                        "alias",
                        false,
                        "importPolicy",
                        Map.of("scheduled", true, "insecure", false, "importMode", "PreserveOriginal"),
                        "referencePolicy",
                        Map.of("type", "Source"))));
        kubernetes
                .client()
                .genericKubernetesResources(KubernetesStreamStore.CONTEXT)
                .inNamespace("app-dev")
                .resource(object)
                .update();

        waitFor(() -> imports.get() >= 1, Duration.ofSeconds(15));
        assertThat(a.stream(stream).orElseThrow().currentImage("latest")).isPresent();
    }
}
