package io.jenkins.plugins.imagestreams.promote;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagestreams.api.CopyListener;
import io.jenkins.plugins.imagestreams.api.CopyOptions;
import io.jenkins.plugins.imagestreams.api.CopyResult;
import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.registry.Credentials;
import io.jenkins.plugins.imagestreams.registry.RegistryClient;
import io.jenkins.plugins.imagestreams.registry.RegistryConfig;
import io.jenkins.plugins.imagestreams.registry.model.Descriptor;
import io.jenkins.plugins.imagestreams.registry.model.Manifest;
import io.jenkins.plugins.imagestreams.registry.model.MediaTypes;
import io.jenkins.plugins.imagestreams.testing.AccessLog;
import io.jenkins.plugins.imagestreams.testing.OciLayout;
import io.jenkins.plugins.imagestreams.testing.RegistryFixture;
import io.jenkins.plugins.imagestreams.testing.Skopeo;
import io.jenkins.plugins.imagestreams.testing.TestImages;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.After;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** From a basic-auth registry over plain HTTP to a TLS registry trusted through its CA only. */
public class ImageCopierAcrossRegistriesTest {
    @ClassRule
    public static final TemporaryFolder TMP = new TemporaryFolder();

    @ClassRule
    public static final RegistryFixture SOURCE =
            RegistryFixture.builder().basicAuth("alice", "s3cret-source").build();

    @ClassRule
    public static final RegistryFixture TARGET =
            RegistryFixture.builder().tls().accessLog().build();

    private final AccessLog targetLog = new AccessLog(TARGET);
    private RegistryClient client;
    private ExecutorService executor;
    private ImageCopier copier;

    @Before
    public void setUp() {
        client = RegistryClient.builder()
                .credentials(registry -> registry.equals(SOURCE.host())
                        ? Optional.of(new Credentials("alice", "s3cret-source"))
                        : Optional.empty())
                .registryConfig(Map.of(
                        TARGET.host(),
                        RegistryConfig.defaults()
                                .withCaCertificate(TARGET.caCertificate().orElseThrow())))
                .build();
        executor = Executors.newFixedThreadPool(3);
        copier = new ImageCopier(client, executor, 3);
    }

    @After
    public void stopExecutor() {
        executor.shutdownNow();
    }

    @Test
    public void ociManifestIsStreamedAcrossAndKeepsItsDigest() throws Exception {
        OciLayout image = TestImages.image(TMP.newFolder().toPath(), "across oci", 2, 300_000);
        Skopeo.push(image, SOURCE, "src/oci:1");
        Manifest manifest = client.getManifest(ImageReference.parse(SOURCE.reference("src/oci:1")));
        long blobBytes = manifest.blobs().stream().mapToLong(Descriptor::size).sum();
        targetLog.mark();

        CopyResult result = copier.copy(
                ImageReference.parse(SOURCE.reference("src/oci:1")),
                ImageReference.parse(TARGET.reference("dst/oci:1")));

        assertThat(result.digest()).isEqualTo(Digest.parse(image.digest()));
        assertThat(result.blobsUploaded()).isEqualTo(3);
        assertThat(result.blobsMounted() + result.blobsSkipped()).isZero();
        assertThat(result.bytesUploaded()).isEqualTo(blobBytes);
        assertThat(targetLog.blobWrites()).isGreaterThanOrEqualTo(3);
        assertThat(Skopeo.inspectDigest(TARGET, "dst/oci:1")).isEqualTo(image.digest());
        assertThat(Skopeo.rawManifest(TARGET, "dst/oci:1")).isEqualTo(image.manifestBytes());
    }

    @Test
    public void dockerV2ManifestKeepsItsDigestAcross() throws Exception {
        OciLayout image = TestImages.image(TMP.newFolder().toPath(), "across docker");
        Digest docker = Digest.parse(Skopeo.pushDocker(image, SOURCE, "src/docker:1"));

        CopyResult result = copier.copy(
                ImageReference.parse(SOURCE.reference("src/docker:1")),
                ImageReference.parse(TARGET.reference("dst/docker:1")));

        assertThat(result.digest()).isEqualTo(docker);
        assertThat(result.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
        assertThat(Digest.parse(Skopeo.inspectDigest(TARGET, "dst/docker:1"))).isEqualTo(docker);
    }

    @Test
    public void multiPlatformIndexKeepsItsDigestAndEveryChildAcross() throws Exception {
        OciLayout index = TestImages.index(TMP.newFolder().toPath(), "across index", "linux/amd64", "linux/arm64");
        Skopeo.push(index, SOURCE, "src/multi:1");
        targetLog.mark();

        CopyResult result = copier.copy(
                ImageReference.parse(SOURCE.reference("src/multi:1")),
                ImageReference.parse(TARGET.reference("dst/multi:1")));

        assertThat(result.digest()).isEqualTo(Digest.parse(index.digest()));
        assertThat(result.manifestsPushed()).isEqualTo(3);
        assertThat(result.blobsUploaded()).isEqualTo(4);
        assertThat(Skopeo.inspectDigest(TARGET, "dst/multi:1")).isEqualTo(index.digest());
        for (Descriptor child : client.getManifest(ImageReference.parse(SOURCE.reference("src/multi:1")))
                .children()) {
            assertThat(Digest.parse(Skopeo.inspectDigest(TARGET, "dst/multi@" + child.digest())))
                    .isEqualTo(child.digest());
        }
        assertThat(targetLog.count("PUT", "/v2/dst/multi/manifests/1")).isEqualTo(1);
    }

    @Test
    public void secondCopySkipsEveryBlobTheTargetAlreadyHolds() throws Exception {
        OciLayout image = TestImages.image(TMP.newFolder().toPath(), "across again", 2, 50_000);
        Skopeo.push(image, SOURCE, "src/again:1");
        copier.copy(
                ImageReference.parse(SOURCE.reference("src/again:1")),
                ImageReference.parse(TARGET.reference("dst/again:1")));
        targetLog.mark();

        CopyResult again = copier.copy(
                ImageReference.parse(SOURCE.reference("src/again:1")),
                ImageReference.parse(TARGET.reference("dst/again:2")));

        assertThat(again.blobsSkipped()).isEqualTo(3);
        assertThat(again.blobsUploaded()).isZero();
        assertThat(again.bytesUploaded()).isZero();
        assertThat(targetLog.blobWrites()).isZero();
        assertThat(client.resolve(ImageReference.parse(TARGET.reference("dst/again:2"))))
                .isEqualTo(Digest.parse(image.digest()));
    }

    @Test
    public void listenerHearsThePlanEveryBlobAndTheBytesStreamed() throws Exception {
        OciLayout image = TestImages.image(TMP.newFolder().toPath(), "across progress", 3, 200_000);
        Skopeo.push(image, SOURCE, "src/progress:1");
        AtomicLong planned = new AtomicLong();
        AtomicLong streamed = new AtomicLong();
        List<Descriptor> done = new CopyOnWriteArrayList<>();
        Map<CopyListener.BlobOutcome, Integer> outcomes = new ConcurrentHashMap<>();
        CopyListener listener = new CopyListener() {
            @Override
            public void started(int blobs, long bytes) {
                planned.set(bytes);
            }

            @Override
            public void bytesTransferred(long count) {
                streamed.addAndGet(count);
            }

            @Override
            public void blobDone(Descriptor blob, BlobOutcome outcome) {
                done.add(blob);
                outcomes.merge(outcome, 1, Integer::sum);
            }
        };

        CopyResult result = copier.copy(
                ImageReference.parse(SOURCE.reference("src/progress:1")),
                ImageReference.parse(TARGET.reference("dst/progress:1")),
                CopyOptions.defaults().withListener(listener));

        assertThat(done).hasSize(4);
        assertThat(outcomes).containsExactly(Map.entry(CopyListener.BlobOutcome.UPLOADED, 4));
        assertThat(planned.get()).isEqualTo(result.bytesUploaded()).isGreaterThan(600_000);
        assertThat(streamed.get()).isEqualTo(result.bytesUploaded());
    }
}
