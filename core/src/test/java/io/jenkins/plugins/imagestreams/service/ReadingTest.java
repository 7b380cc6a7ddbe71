package io.jenkins.plugins.imagestreams.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.store.JsonFileStore;
import io.jenkins.plugins.imagestreams.store.StreamStore;
import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.ImageStreamSpec;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.TagEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Listing streams, the environments view and its one ordering rule; no registry involved. */
public class ReadingTest {
    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private Path root;
    private StreamStore store;
    private ImageStreamService service;

    @Before
    public void setUp() throws Exception {
        root = tmp.newFolder("store").toPath();
        store = new JsonFileStore(root);
        service = ImageStreamService.builder()
                .store(store)
                .executor(executor)
                .registryClient(() -> {
                    throw new AssertionError("reading needs no registry client");
                })
                .build();
    }

    @After
    public void tearDown() {
        service.close();
        executor.shutdownNow();
    }

    private void stream(String namespace, String tag, String hex) {
        ImageStream created = ImageStream.create(StreamName.of(namespace, "myapp"), ImageStreamSpec.empty());
        Digest digest = Digest.parse("sha256:" + hex.repeat(64));
        store.save(
                created.recordImage(
                        tag, new TagEvent(Instant.EPOCH, "registry.example.com/app@" + digest, digest, 1, "test")),
                StreamStore.NEW);
    }

    @Test
    public void environmentsRunFromNamespacesWithoutAStageThroughDevTestStagingToProd() {
        for (String ns : List.of("app-prod", "tools", "app-staging", "app-dev", "app-qa", "app-uat")) {
            stream(ns, "latest", "a");
        }

        EnvironmentsView view = service.environments(name -> true, List.of());

        assertThat(view.namespaces())
                .containsExactly("tools", "app-dev", "app-qa", "app-staging", "app-uat", "app-prod");
        assertThat(view.rows()).hasSize(1);
        assertThat(view.rows().get(0).name()).isEqualTo("myapp");
        assertThat(view.rows().get(0).image("app-prod").orElseThrow().image().toString())
                .endsWith("aaaa");
    }

    @Test
    public void environmentsTakeTheColumnsGivenInTheirOrder() {
        stream("app-dev", "latest", "a");
        stream("app-prod", "latest", "b");

        EnvironmentsView view = service.environments(name -> true, List.of("app-prod", "app-dev"));

        assertThat(view.namespaces()).containsExactly("app-prod", "app-dev");
    }

    @Test
    public void anUnreadableStreamIsListedWithItsReasonAndTheOthersAreRead() throws Exception {
        stream("app-dev", "latest", "a");
        stream("app-prod", "latest", "b");
        try (var files = Files.walk(root)) {
            Path prod = files.filter(p -> p.toString().contains("app-prod") && Files.isRegularFile(p))
                    .findFirst()
                    .orElseThrow();
            Files.writeString(prod, "{ not json");
        }

        StreamList list = service.streams(name -> true);

        assertThat(list.streams()).extracting(ImageStream::name).containsExactly(StreamName.of("app-dev", "myapp"));
        assertThat(list.unreadable()).containsOnlyKeys(StreamName.of("app-prod", "myapp"));
    }

    @Test
    public void aMissingStreamIsNamedWithTheStreamsTheStoreHolds() {
        stream("app-dev", "latest", "a");

        assertThatThrownBy(() -> service.requireStream(StreamName.of("app-prod", "myapp")))
                .isInstanceOf(StreamNotFoundException.class)
                .hasMessage("no image stream app-prod/myapp; the store holds [app-dev/myapp]");
    }
}
