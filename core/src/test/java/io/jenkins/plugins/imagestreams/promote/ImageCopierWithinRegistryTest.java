package io.jenkins.plugins.imagestreams.promote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagestreams.api.CopyOptions;
import io.jenkins.plugins.imagestreams.api.CopyResult;
import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.registry.ErrorCode;
import io.jenkins.plugins.imagestreams.registry.RegistryClient;
import io.jenkins.plugins.imagestreams.registry.RegistryException;
import io.jenkins.plugins.imagestreams.registry.model.Descriptor;
import io.jenkins.plugins.imagestreams.registry.model.Manifest;
import io.jenkins.plugins.imagestreams.registry.model.MediaTypes;
import io.jenkins.plugins.imagestreams.registry.model.Platform;
import io.jenkins.plugins.imagestreams.testing.AccessLog;
import io.jenkins.plugins.imagestreams.testing.OciLayout;
import io.jenkins.plugins.imagestreams.testing.RegistryFixture;
import io.jenkins.plugins.imagestreams.testing.Skopeo;
import io.jenkins.plugins.imagestreams.testing.TestImages;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.After;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ImageCopierWithinRegistryTest {
    @ClassRule
    public static final TemporaryFolder TMP = new TemporaryFolder();

    @ClassRule
    public static final RegistryFixture REGISTRY =
            RegistryFixture.builder().accessLog().build();

    private final RegistryClient client = RegistryClient.builder().build();
    private final AccessLog log = new AccessLog(REGISTRY);
    private ExecutorService executor;
    private ImageCopier copier;

    @Before
    public void startExecutor() {
        executor = Executors.newFixedThreadPool(4);
        copier = new ImageCopier(client, executor, 4);
    }

    @After
    public void stopExecutor() {
        executor.shutdownNow();
    }

    @Test
    public void ociManifestIsCopiedByMountsWithoutUploadingAByteAndKeepsItsDigest() throws Exception {
        OciLayout image = TestImages.image(TMP.newFolder().toPath(), "within oci");
        Skopeo.push(image, REGISTRY, "team-a/oci:1");
        log.mark();

        CopyResult result = copier.copy(
                ImageReference.parse(REGISTRY.reference("team-a/oci:1")),
                ImageReference.parse(REGISTRY.reference("team-b/oci:prod")));

        assertThat(result.digest()).isEqualTo(Digest.parse(image.digest()));
        assertThat(result.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
        assertThat(result.blobsMounted()).isEqualTo(2);
        assertThat(result.blobsUploaded()).isZero();
        assertThat(result.bytesUploaded()).isZero();
        assertThat(result.manifestsPushed()).isEqualTo(1);
        assertThat(log.mounts()).isEqualTo(2);
        assertThat(log.blobWrites()).isZero();
        assertThat(Skopeo.inspectDigest(REGISTRY, "team-b/oci:prod")).isEqualTo(image.digest());
        assertThat(Skopeo.rawManifest(REGISTRY, "team-b/oci:prod")).isEqualTo(image.manifestBytes());
    }

    @Test
    public void dockerV2ManifestKeepsItsMediaTypeAndDigest() throws Exception {
        OciLayout image = TestImages.image(TMP.newFolder().toPath(), "within docker");
        Digest docker = Digest.parse(Skopeo.pushDocker(image, REGISTRY, "team-a/docker:1"));
        log.mark();

        CopyResult result = copier.copy(
                ImageReference.parse(REGISTRY.reference("team-a/docker:1")),
                ImageReference.parse(REGISTRY.reference("team-b/docker:1")));

        assertThat(result.digest()).isEqualTo(docker);
        assertThat(result.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
        assertThat(result.blobsUploaded()).isZero();
        assertThat(log.blobWrites()).isZero();
        assertThat(Digest.parse(Skopeo.inspectDigest(REGISTRY, "team-b/docker:1")))
                .isEqualTo(docker);
    }

    @Test
    public void multiPlatformIndexIsCopiedWithEveryChildAndZeroBlobUploads() throws Exception {
        OciLayout index = TestImages.index(
                TMP.newFolder().toPath(), "within index", "linux/amd64", "linux/arm64", "linux/arm/v7");
        Skopeo.push(index, REGISTRY, "team-a/multi:1");
        log.mark();

        CopyResult result = copier.copy(
                ImageReference.parse(REGISTRY.reference("team-a/multi:1")),
                ImageReference.parse(REGISTRY.reference("team-b/multi:1")));

        assertThat(result.digest()).isEqualTo(Digest.parse(index.digest()));
        assertThat(result.mediaType()).isEqualTo(MediaTypes.OCI_INDEX);
        assertThat(result.manifestsPushed()).isEqualTo(4);
        assertThat(result.blobsUploaded()).isZero();
        assertThat(result.blobsMounted() + result.blobsSkipped()).isEqualTo(6);
        assertThat(log.blobWrites()).isZero();
        assertThat(log.count("PUT", "/v2/team-b/multi/manifests/sha256:.*")).isEqualTo(3);
        assertThat(Skopeo.inspectDigest(REGISTRY, "team-b/multi:1")).isEqualTo(index.digest());
        Manifest copied = client.getManifest(ImageReference.parse(REGISTRY.reference("team-b/multi:1")));
        for (Descriptor child : copied.children()) {
            assertThat(client.resolve(ImageReference.parse(REGISTRY.reference("team-b/multi@" + child.digest()))))
                    .isEqualTo(child.digest());
        }
    }

    @Test
    public void onePlatformOfAnIndexIsCopiedAsThatChildManifest() throws Exception {
        OciLayout index = TestImages.index(TMP.newFolder().toPath(), "one platform", "linux/amd64", "linux/arm64");
        Skopeo.push(index, REGISTRY, "team-a/pick:1");
        Manifest source = client.getManifest(ImageReference.parse(REGISTRY.reference("team-a/pick:1")));
        Digest arm = source.children().stream()
                .filter(c -> c.platform().orElseThrow().architecture().equals("arm64"))
                .findFirst()
                .orElseThrow()
                .digest();

        CopyResult result = copier.copy(
                ImageReference.parse(REGISTRY.reference("team-a/pick:1")),
                ImageReference.parse(REGISTRY.reference("team-b/pick:arm")),
                CopyOptions.defaults().withPlatform(Platform.parse("linux/arm64")));

        assertThat(result.digest()).isEqualTo(arm);
        assertThat(result.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
        assertThat(result.manifestsPushed()).isEqualTo(1);
        assertThat(result.blobs()).isEqualTo(2);
        assertThat(Digest.parse(Skopeo.inspectDigest(REGISTRY, "team-b/pick:arm")))
                .isEqualTo(arm);
    }

    @Test
    public void missingPlatformIsRefusedNamingTheOffersAndWritesNothing() throws Exception {
        OciLayout index = TestImages.index(TMP.newFolder().toPath(), "no s390x", "linux/amd64", "linux/arm64");
        Skopeo.push(index, REGISTRY, "team-a/nos390x:1");

        assertThatThrownBy(() -> copier.copy(
                        ImageReference.parse(REGISTRY.reference("team-a/nos390x:1")),
                        ImageReference.parse(REGISTRY.reference("team-b/nos390x:1")),
                        CopyOptions.defaults().withPlatform(Platform.parse("linux/s390x"))))
                .isInstanceOfSatisfying(
                        RegistryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MANIFEST_UNKNOWN))
                .hasMessageContaining("linux/s390x")
                .hasMessageContaining("linux/amd64")
                .hasMessageContaining("linux/arm64");
        assertThat(client.listTags(ImageReference.parse(REGISTRY.reference("team-a/nos390x:1"))))
                .containsExactly("1");
        assertThatThrownBy(() -> client.resolve(ImageReference.parse(REGISTRY.reference("team-b/nos390x:1"))))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.code())
                        .isIn(ErrorCode.MANIFEST_UNKNOWN, ErrorCode.NAME_UNKNOWN));
    }

    @Test
    public void copyIntoTheSameRepositoryUnderAnotherTagSkipsEveryBlob() throws Exception {
        OciLayout image = TestImages.image(TMP.newFolder().toPath(), "retag");
        Skopeo.push(image, REGISTRY, "team-a/retag:1");
        log.mark();

        CopyResult result = copier.copy(
                ImageReference.parse(REGISTRY.reference("team-a/retag:1")),
                ImageReference.parse(REGISTRY.reference("team-a/retag:2")));

        assertThat(result.blobsSkipped()).isEqualTo(2);
        assertThat(result.blobsMounted() + result.blobsUploaded()).isZero();
        assertThat(log.blobWrites() + log.mounts()).isZero();
        assertThat(client.listTags(ImageReference.parse(REGISTRY.reference("team-a/retag:1"))))
                .containsExactlyInAnyOrder("1", "2");
        assertThat(client.resolve(ImageReference.parse(REGISTRY.reference("team-a/retag:2"))))
                .isEqualTo(Digest.parse(image.digest()));
    }

    @Test
    public void targetPinnedToAnotherDigestIsRefusedBeforeAnythingMoves() throws Exception {
        OciLayout image = TestImages.image(TMP.newFolder().toPath(), "pinned");
        Skopeo.push(image, REGISTRY, "team-a/pinned:1");
        Digest other = Digest.sha256("something else".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        log.mark();

        assertThatThrownBy(() -> copier.copy(
                        ImageReference.parse(REGISTRY.reference("team-a/pinned:1")),
                        ImageReference.parse(REGISTRY.reference("team-b/pinned@" + other))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(other.toString())
                .hasMessageContaining(image.digest());
        assertThat(log.mounts() + log.blobWrites()).isZero();
    }

    @Test
    public void copyByDigestLeavesTheTargetUntagged() throws Exception {
        OciLayout image = TestImages.image(TMP.newFolder().toPath(), "by digest");
        Skopeo.push(image, REGISTRY, "team-a/bydigest:1");

        CopyResult result = copier.copy(
                ImageReference.parse(REGISTRY.reference("team-a/bydigest@" + image.digest())),
                ImageReference.parse(REGISTRY.reference("team-b/bydigest@" + image.digest())));

        assertThat(result.digest()).isEqualTo(Digest.parse(image.digest()));
        assertThat(client.resolve(ImageReference.parse(REGISTRY.reference("team-b/bydigest@" + image.digest()))))
                .isEqualTo(Digest.parse(image.digest()));
        assertThat(tagsOf("team-b/bydigest")).isEmpty();
    }

    /** The tags of {@code repository}; distribution answers NAME_UNKNOWN for a repository that has none. */
    private List<String> tagsOf(String repository) throws RegistryException {
        try {
            return client.listTags(ImageReference.parse(REGISTRY.reference(repository + ":any")));
        } catch (RegistryException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.NAME_UNKNOWN);
            return List.of();
        }
    }
}
