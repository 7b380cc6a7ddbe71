package io.jenkins.plugins.imagestreams.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.jenkins.plugins.imagestreams.cluster.KubernetesStreamStore;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.ImageStreamSpec;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import io.jenkins.plugins.imagestreams.stream.TagSpec;
import io.jenkins.plugins.imagestreams.testing.kubernetes.CrudKubernetesServer;
import io.jenkins.plugins.imagestreams.testing.kubernetes.ImageStreamDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
}
