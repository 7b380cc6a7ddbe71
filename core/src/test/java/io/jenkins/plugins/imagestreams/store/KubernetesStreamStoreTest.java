package io.jenkins.plugins.imagestreams.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.jenkins.plugins.imagestreams.cluster.KubernetesStreamStore;
import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.ImageStreamSpec;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.TagEvent;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import io.jenkins.plugins.imagestreams.stream.TagSpec;
import io.jenkins.plugins.imagestreams.stream.Versioned;
import io.jenkins.plugins.imagestreams.testing.kubernetes.CrudKubernetesServer;
import io.jenkins.plugins.imagestreams.testing.kubernetes.ImageStreamDefinition;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.Rule;
import org.junit.Test;

/** What only the Kubernetes store does: reads from its watch's cache, and clear errors about the cluster's state. */
public class KubernetesStreamStoreTest {
    @Rule
    public final CrudKubernetesServer server = new CrudKubernetesServer(false);

    private void installDefinition() throws Exception {
        ImageStreamDefinition.install(server.client());
    }

    @Test
    public void withoutTheDefinitionOpeningFailsNamingTheResourceAndTheManifest() {
        assertThatThrownBy(() -> KubernetesStreamStore.open(server.client()))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("imagestreams.imagestreams.jenkins.io")
                .hasMessageContaining("deploy/kubernetes/imagestreams-crd.yaml");
    }

    @Test
    public void loadsOfStreamsTheWatchHasBroughtCostNoRequest() throws Exception {
        installDefinition();
        StreamName name = StreamName.of("app-dev", "cached");
        try (KubernetesStreamStore writer = KubernetesStreamStore.open(server.client());
                KubernetesStreamStore reader = KubernetesStreamStore.open(server.client())) {
            long version = writer.save(StoreFixtures.simple(name), StreamStore.NEW);
            Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
            while (reader.list().isEmpty() && Instant.now().isBefore(deadline)) {
                Thread.sleep(20);
            }
            server.takeRequests();

            for (int i = 0; i < 50; i++) {
                assertThat(reader.load(name).orElseThrow().version()).isEqualTo(version);
                assertThat(reader.list()).containsExactly(name);
            }

            assertThat(server.takeRequests()).isEmpty();
        }
    }

    @Test
    public void anObjectEditedIntoAnInvalidShapeIsNamedAndOthersStillWork() throws Exception {
        installDefinition();
        StreamName good = StreamName.of("app-dev", "good");
        StreamName bad = StreamName.of("app-dev", "bad");
        try (KubernetesStreamStore store = KubernetesStreamStore.open(server.client())) {
            store.save(StoreFixtures.simple(good), StreamStore.NEW);
            store.save(StoreFixtures.simple(bad), StreamStore.NEW);
            GenericKubernetesResource edited = server.client()
                    .genericKubernetesResources(KubernetesStreamStore.CONTEXT)
                    .inNamespace("app-dev")
                    .withName("bad")
                    .get();
            edited.setAdditionalProperty("spec", Map.of("historyLimit", "ten", "tags", List.of()));
            server.client()
                    .genericKubernetesResources(KubernetesStreamStore.CONTEXT)
                    .inNamespace("app-dev")
                    .resource(edited)
                    .update();

            try (KubernetesStreamStore fresh = KubernetesStreamStore.open(server.client())) {
                assertThatThrownBy(() -> fresh.load(bad))
                        .isInstanceOf(CorruptStreamException.class)
                        .hasMessageContaining("imagestreams.imagestreams.jenkins.io app-dev/bad")
                        .hasMessageContaining("historyLimit")
                        .hasMessageContaining("kubectl edit");
                ImageStream stillThere = fresh.load(good).orElseThrow().value();
                assertThat(stillThere).isEqualTo(StoreFixtures.simple(good));
                assertThat(fresh.list()).containsExactly(bad, good);
            }
        }
    }

    @Test
    public void aStreamTooLargeForAnObjectIsRefusedNamingItsSizeAndNothingIsSaved() throws Exception {
        installDefinition();
        StreamName name = StreamName.of("app-dev", "huge");
        List<TagSpec> tags = new ArrayList<>();
        for (int i = 0; i < 6000; i++) {
            tags.add(TagSpec.of(
                    "tag-" + i,
                    new TagSource.DockerImage(ImageReference.parse(
                            "registry.example.com/a/rather/long/repository/path/for/size:tag-" + i))));
        }
        ImageStream tooLarge = ImageStream.create(name, new ImageStreamSpec(Optional.empty(), 10, tags));
        try (KubernetesStreamStore store = KubernetesStreamStore.open(server.client())) {
            assertThatThrownBy(() -> store.save(tooLarge, StreamStore.NEW))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("app-dev/huge")
                    .hasMessageContaining("bytes of JSON")
                    .hasMessageContaining("historyLimit");
            assertThat(store.load(name)).isEmpty();
        }
    }

    private static final Digest IMAGE = Digest.sha256("kubernetes store".getBytes(StandardCharsets.UTF_8));
    private static final UnaryOperator<ImageStream> IMPORT =
            s -> s.recordImport("latest", IMAGE, "localhost:5000/app@" + IMAGE, Instant.EPOCH, "import");
    private static final String OBJECT_PATH = "/apis/imagestreams.jenkins.io/v1/namespaces/app-dev/imagestreams/app";

    /** A stream saved once, with one tag imported; what the failing saves below try to change. */
    private static ImageStream saved(KubernetesStreamStore store, StreamName name) {
        ImageStream stream = StoreFixtures.simple(name);
        store.save(stream, StreamStore.NEW);
        return store.load(name).orElseThrow().value();
    }

    @Test
    public void aVerbTheRoleDeniesIsNamedWithTheRoleThatGrantsItAndNothingIsWritten() throws Exception {
        installDefinition();
        StreamName name = StreamName.of("app-dev", "app");
        try (KubernetesStreamStore store = KubernetesStreamStore.open(server.client())) {
            ImageStream before = saved(store, name);
            long version = store.load(name).orElseThrow().version();
            server.expect()
                    .put()
                    .withPath(OBJECT_PATH)
                    .andReturn(
                            403,
                            new StatusBuilder()
                                    .withStatus("Failure")
                                    .withReason("Forbidden")
                                    .withCode(403)
                                    .withMessage("imagestreams.imagestreams.jenkins.io \"app\" is forbidden: User"
                                            + " \"system:serviceaccount:ci:jenkins\" cannot update resource"
                                            + " \"imagestreams\" in API group \"imagestreams.jenkins.io\" in the"
                                            + " namespace \"app-dev\"")
                                    .build())
                    .once();

            assertThatThrownBy(() -> new StreamUpdater(store).update(name, IMPORT))
                    .isInstanceOf(StoreException.class)
                    .isNotInstanceOf(ConflictException.class)
                    .hasMessageContaining("imagestreams.imagestreams.jenkins.io app-dev/app")
                    .hasMessageContaining("may not update imagestreams.imagestreams.jenkins.io in namespace app-dev")
                    .hasMessageContaining("deploy/kubernetes/imagestreams-rbac.yaml")
                    .hasMessageContaining("system:serviceaccount:ci:jenkins");
            Versioned<ImageStream> after = store.load(name).orElseThrow();
            assertThat(after.version()).isEqualTo(version);
            assertThat(after.value()).isEqualTo(before);
        }
    }

    private void answer503(boolean always) {
        var expectation = server.expect()
                .put()
                .withPath(OBJECT_PATH)
                .andReturn(
                        503,
                        new StatusBuilder()
                                .withStatus("Failure")
                                .withReason("ServiceUnavailable")
                                .withCode(503)
                                .withMessage("etcdserver: request timed out")
                                .build());
        if (always) {
            expectation.always();
        } else {
            expectation.once();
        }
    }

    @Test
    public void aServerErrorIsRetriedAndTheChangeIsSavedOnce() throws Exception {
        installDefinition();
        StreamName name = StreamName.of("app-dev", "app");
        try (KubernetesStreamStore store = KubernetesStreamStore.open(server.client())) {
            long version = store.save(StoreFixtures.simple(name), StreamStore.NEW);
            answer503(false);

            new StreamUpdater(store).update(name, IMPORT);

            Versioned<ImageStream> after = store.load(name).orElseThrow();
            assertThat(after.version()).isGreaterThan(version);
            assertThat(after.value().history("latest").items())
                    .extracting(TagEvent::image)
                    .containsExactly(IMAGE);
        }
    }

    @Test
    public void aServerThatKeepsFailingIsNamedAndNothingIsWritten() throws Exception {
        installDefinition();
        StreamName name = StreamName.of("app-dev", "app");
        Config impatient = new ConfigBuilder(server.client().getConfiguration())
                .withRequestRetryBackoffLimit(1)
                .withRequestRetryBackoffInterval(10)
                .build();
        try (KubernetesClient client =
                        new KubernetesClientBuilder().withConfig(impatient).build();
                KubernetesStreamStore store = KubernetesStreamStore.open(client)) {
            ImageStream before = saved(store, name);
            answer503(true);

            assertThatThrownBy(() -> new StreamUpdater(store).update(name, IMPORT))
                    .isInstanceOf(StoreException.class)
                    .isNotInstanceOf(ConflictException.class)
                    .hasMessageContaining("cannot save imagestreams.imagestreams.jenkins.io app-dev/app")
                    .hasMessageContaining("503")
                    .hasMessageContaining("etcdserver: request timed out");
            assertThat(store.load(name).orElseThrow().value()).isEqualTo(before);
        }
    }

    @Test
    public void anUnreachableServerIsNamedWhenOpening() {
        KubernetesClient nowhere = new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder()
                        .withMasterUrl("http://127.0.0.1:9")
                        .withRequestRetryBackoffLimit(0)
                        .build())
                .build();
        try (nowhere) {
            assertThatThrownBy(() -> KubernetesStreamStore.open(nowhere))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("imagestreams.imagestreams.jenkins.io")
                    .hasMessageContaining("127.0.0.1:9");
        }
    }
}
