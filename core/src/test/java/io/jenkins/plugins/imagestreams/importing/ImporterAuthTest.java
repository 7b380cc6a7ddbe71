package io.jenkins.plugins.imagestreams.importing;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagestreams.api.ImportResult;
import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.registry.Credentials;
import io.jenkins.plugins.imagestreams.registry.CredentialsProvider;
import io.jenkins.plugins.imagestreams.registry.RegistryClient;
import io.jenkins.plugins.imagestreams.store.JsonFileStore;
import io.jenkins.plugins.imagestreams.store.StreamStore;
import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.ImageStreamSpec;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.TagCondition;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import io.jenkins.plugins.imagestreams.stream.TagSpec;
import io.jenkins.plugins.imagestreams.testing.ManualClock;
import io.jenkins.plugins.imagestreams.testing.OciLayout;
import io.jenkins.plugins.imagestreams.testing.RegistryFixture;
import io.jenkins.plugins.imagestreams.testing.Skopeo;
import io.jenkins.plugins.imagestreams.testing.TestImages;
import java.time.Instant;
import java.util.Optional;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ImporterAuthTest {
    @ClassRule
    public static final RegistryFixture REGISTRY =
            RegistryFixture.builder().basicAuth("alice", "s3cret-pw").build();

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Importer importer(StreamStore store, CredentialsProvider credentials) {
        RegistryClient client = RegistryClient.builder()
                .credentials(credentials)
                .retryPolicy(ImporterTest.FAST)
                .build();
        return new Importer(client, store, new ManualClock(Instant.parse("2026-05-01T10:00:00Z")), name -> {});
    }

    @Test
    public void missingCredentialsSetUnauthorizedAndGoodCredentialsClearIt() throws Exception {
        OciLayout image = TestImages.image(tmp.newFolder().toPath(), "private");
        Skopeo.push(image, REGISTRY, "private/app:1");
        StreamStore store = new JsonFileStore(tmp.newFolder("store").toPath());
        StreamName app = StreamName.parse("private");
        store.save(
                ImageStream.create(
                        app,
                        ImageStreamSpec.empty()
                                .withTag(TagSpec.of(
                                        "latest",
                                        new TagSource.DockerImage(
                                                ImageReference.parse(REGISTRY.reference("private/app:1")))))),
                StreamStore.NEW);

        ImportResult denied = importer(store, CredentialsProvider.ANONYMOUS).importTag(app, "latest");

        assertThat(denied).isInstanceOfSatisfying(ImportResult.Failed.class, f -> {
            assertThat(f.condition().reason()).isEqualTo(TagCondition.UNAUTHORIZED);
            assertThat(f.retryable()).isFalse();
        });
        assertThat(store.load(app).orElseThrow().value().history("latest").importFailure())
                .hasValueSatisfying(c -> assertThat(c.message()).doesNotContain("s3cret-pw"));

        Credentials alice = new Credentials("alice", "s3cret-pw");
        ImportResult allowed = importer(
                        store, host -> host.equals(REGISTRY.host()) ? Optional.of(alice) : Optional.empty())
                .importTag(app, "latest");

        assertThat(allowed).isInstanceOf(ImportResult.Changed.class);
        assertThat(store.load(app).orElseThrow().value().history("latest").conditions())
                .isEmpty();
        assertThat(store.load(app)
                        .orElseThrow()
                        .value()
                        .currentImage("latest")
                        .orElseThrow()
                        .image())
                .isEqualTo(Digest.parse(image.digest()));
    }
}
