package io.jenkins.plugins.imagestreams.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.registry.model.Descriptor;
import io.jenkins.plugins.imagestreams.registry.model.Manifest;
import io.jenkins.plugins.imagestreams.registry.model.MediaTypes;
import io.jenkins.plugins.imagestreams.registry.model.Platform;
import io.jenkins.plugins.imagestreams.testing.OciLayout;
import io.jenkins.plugins.imagestreams.testing.RegistryFixture;
import io.jenkins.plugins.imagestreams.testing.Skopeo;
import io.jenkins.plugins.imagestreams.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The client against the real distribution registry; one subclass per variant (plain, basic auth, TLS with CA,
 * token auth) supplies the fixture.
 */
public abstract class AbstractRegistryClientRealTest {
    static final RetryPolicy FAST =
            new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(50));

    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    private RegistryClient client;

    protected abstract RegistryFixture registry();

    @After
    public void closeClient() {
        if (client != null) {
            client.close();
        }
    }

    protected RegistryClient client() {
        if (client == null) {
            client = clientWith(registry()
                    .username()
                    .map(u -> new Credentials(u, registry().password().orElseThrow())));
        }
        return client;
    }

    protected RegistryClient clientWith(Optional<Credentials> credentials) {
        return RegistryClient.builder()
                .credentials(host -> host.equals(registry().host()) ? credentials : Optional.empty())
                .registryConfig(Map.of(registry().host(), config()))
                .retryPolicy(FAST)
                .build();
    }

    protected RegistryConfig config() {
        return registry()
                .caCertificate()
                .map(ca -> RegistryConfig.defaults().withCaCertificate(ca))
                .orElse(RegistryConfig.defaults());
    }

    protected ImageReference ref(String repoAndTag) {
        return ImageReference.parse(registry().reference(repoAndTag));
    }

    @Test
    public void resolveWithTheLastKnownDigestAnswersItWhileTheTagStaysAndTheNewOneAfterAPush() throws Exception {
        String name = getClass().getSimpleName();
        Digest first = Digest.parse(
                Skopeo.push(TestImages.image(tmp.newFolder().toPath(), "first " + name), registry(), "src/if:1"));
        ImageReference tag = ref("src/if:1");

        assertThat(client().resolve(tag, Optional.of(first))).isEqualTo(first);

        Digest second = Digest.parse(
                Skopeo.push(TestImages.image(tmp.newFolder().toPath(), "second " + name), registry(), "src/if:1"));
        assertThat(second).isNotEqualTo(first);
        assertThat(client().resolve(tag, Optional.of(first))).isEqualTo(second);
        assertThat(client().resolve(tag, Optional.of(second))).isEqualTo(second);
        assertThat(client().resolve(tag, Optional.empty())).isEqualTo(second);
        // a reference by digest is checked as it stands, whatever digest was known
        assertThat(client().resolve(ref("src/if@" + first), Optional.of(second)))
                .isEqualTo(first);
        assertThatThrownBy(() -> client().resolve(ref("src/if:absent"), Optional.of(first)))
                .isInstanceOf(RegistryException.class)
                .extracting(e -> ((RegistryException) e).code())
                .isEqualTo(ErrorCode.MANIFEST_UNKNOWN);
    }

    @Test
    public void ociManifestKeepsItsDigestThroughHeadGetPutAndAgreesWithSkopeo() throws Exception {
        OciLayout image =
                TestImages.image(tmp.newFolder().toPath(), "oci " + getClass().getSimpleName());
        Skopeo.push(image, registry(), "src/oci:1");

        assertThat(client().resolve(ref("src/oci:1"))).isEqualTo(Digest.parse(image.digest()));
        Manifest manifest = client().getManifest(ref("src/oci:1"));
        assertThat(manifest.digest()).isEqualTo(Digest.parse(image.digest()));
        assertThat(manifest.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
        assertThat(manifest.bytes()).isEqualTo(image.manifestBytes());

        copyByMounting(manifest, "src/oci", ref("dst/oci:prod"));

        assertThat(client().resolve(ref("dst/oci:prod"))).isEqualTo(Digest.parse(image.digest()));
        assertThat(Skopeo.inspectDigest(registry(), "dst/oci:prod")).isEqualTo(image.digest());
        assertThat(client().getManifest(ref("dst/oci@" + image.digest())).bytes())
                .isEqualTo(image.manifestBytes());
    }

    @Test
    public void dockerManifestKeepsItsDigestAndMediaType() throws Exception {
        OciLayout image = TestImages.image(
                tmp.newFolder().toPath(), "docker " + getClass().getSimpleName());
        Digest pushed = Digest.parse(Skopeo.pushDocker(image, registry(), "src/docker:1"));

        assertThat(client().resolve(ref("src/docker:1"))).isEqualTo(pushed);
        Manifest manifest = client().getManifest(ref("src/docker:1"));
        assertThat(manifest.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
        assertThat(manifest.digest()).isEqualTo(pushed);

        copyByMounting(manifest, "src/docker", ref("dst/docker:prod"));

        assertThat(client().resolve(ref("dst/docker:prod"))).isEqualTo(pushed);
        assertThat(Digest.parse(Skopeo.inspectDigest(registry(), "dst/docker:prod")))
                .isEqualTo(pushed);
    }

    @Test
    public void multiPlatformIndexIsCopiedChildrenFirstWithEveryDigestKept() throws Exception {
        OciLayout index = TestImages.index(tmp.newFolder().toPath(), "multi", "linux/amd64", "linux/arm64/v8");
        Skopeo.push(index, registry(), "src/multi:1");

        assertThat(client().resolve(ref("src/multi:1"))).isEqualTo(Digest.parse(index.digest()));
        Manifest top = client().getManifest(ref("src/multi:1"));
        assertThat(top.isIndex()).isTrue();
        assertThat(top.children())
                .extracting(d -> d.platform().map(Platform::toString).orElse("?"))
                .containsExactly("linux/amd64", "linux/arm64/v8");

        for (Descriptor child : top.children()) {
            Manifest childManifest = client().getManifest(ref("src/multi@" + child.digest()));
            assertThat(childManifest.digest()).isEqualTo(child.digest());
            copyByMounting(childManifest, "src/multi", ref("dst/multi@" + child.digest()));
        }
        assertThat(client().putManifest(ref("dst/multi:prod"), top)).isEqualTo(Digest.parse(index.digest()));

        assertThat(client().resolve(ref("dst/multi:prod"))).isEqualTo(Digest.parse(index.digest()));
        assertThat(Skopeo.inspectDigest(registry(), "dst/multi:prod")).isEqualTo(index.digest());
        assertThat(client().listTags(ref("dst/multi"))).containsExactly("prod");
    }

    @Test
    public void dockerManifestListIsCopiedWithItsDigestKept() throws Exception {
        OciLayout index = TestImages.index(tmp.newFolder().toPath(), "docker list", "linux/amd64", "linux/arm64");
        Digest pushed = Digest.parse(Skopeo.pushDocker(index, registry(), "src/list:1"));

        Manifest list = client().getManifest(ref("src/list:1"));
        assertThat(list.digest()).isEqualTo(pushed);
        assertThat(list.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST_LIST);
        for (Descriptor child : list.children()) {
            assertThat(child.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
            copyByMounting(
                    client().getManifest(ref("src/list@" + child.digest())),
                    "src/list",
                    ref("dst/list@" + child.digest()));
        }
        client().putManifest(ref("dst/list:prod"), list);

        assertThat(client().resolve(ref("dst/list:prod"))).isEqualTo(pushed);
        assertThat(Digest.parse(Skopeo.inspectDigest(registry(), "dst/list:prod")))
                .isEqualTo(pushed);
    }

    @Test
    public void indexPushedBeforeItsChildrenIsRefusedAsManifestBlobUnknown() throws Exception {
        OciLayout index = TestImages.index(tmp.newFolder().toPath(), "orphan", "linux/amd64");
        Skopeo.push(index, registry(), "src/orphan:1");
        Manifest top = client().getManifest(ref("src/orphan:1"));

        assertThatThrownBy(() -> client().putManifest(ref("dst/orphan:1"), top))
                .isInstanceOfSatisfying(
                        RegistryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MANIFEST_BLOB_UNKNOWN));
    }

    @Test
    public void tagsOfARepositoryAreListed() throws Exception {
        OciLayout image = TestImages.image(tmp.newFolder().toPath(), "tags");
        for (String tag : new String[] {"a", "b", "c"}) {
            Skopeo.push(image, registry(), "src/tags:" + tag);
        }
        assertThat(client().listTags(ref("src/tags"))).containsExactlyInAnyOrder("a", "b", "c");
    }

    @Test
    public void mountOfABlobTheSourceLacksFallsBackAndLeavesNothingBehind() throws Exception {
        OciLayout image = TestImages.image(tmp.newFolder().toPath(), "mount source");
        Skopeo.push(image, registry(), "src/mount:1");
        Digest absent = Digest.sha256("never pushed".getBytes());

        assertThat(client().mountBlob(ref("dst/mount:1"), absent, "src/mount")).isFalse();
        assertThat(client().blobExists(ref("dst/mount"), absent)).isFalse();
        Digest config =
                client().getManifest(ref("src/mount:1")).config().orElseThrow().digest();
        assertThat(client().mountBlob(ref("dst/mount:1"), config, "src/mount")).isTrue();
        assertThat(client().blobExists(ref("dst/mount"), config)).isTrue();
    }

    @Test
    public void smallAndLargeBlobsUploadAndDownloadVerified() throws Exception {
        for (int size : new int[] {0, 1000, 3 * 1024 * 1024 + 17}) {
            byte[] content = new byte[size];
            new Random(size).nextBytes(content);
            Path file = tmp.newFile().toPath();
            Files.write(file, content);
            Digest digest = Digest.sha256(content);
            ImageReference repo = ref("up/blobs");

            assertThat(client().blobExists(repo, digest)).isFalse();
            client().uploadBlob(repo, digest, size, BlobSource.of(file));
            assertThat(client().blobExists(repo, digest)).as("size %d", size).isTrue();
            try (BlobStream in = client().openBlob(repo, digest)) {
                assertThat(in.readAllBytes()).isEqualTo(content);
                assertThat(in.size()).isEqualTo(size);
            }
        }
    }

    @Test
    public void uploadWhoseContentDoesNotMatchTheDigestIsRefused() throws Exception {
        Digest claimed = Digest.sha256("claimed".getBytes());
        assertThatThrownBy(() -> client().uploadBlob(ref("up/bad"), claimed, 5, BlobSource.of("other".getBytes())))
                .isInstanceOfSatisfying(
                        RegistryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DIGEST_INVALID));
        assertThat(client().blobExists(ref("up/bad"), claimed)).isFalse();
    }

    @Test
    public void missingTagIsManifestUnknown() throws Exception {
        OciLayout image = TestImages.image(tmp.newFolder().toPath(), "present");
        Skopeo.push(image, registry(), "src/present:1");
        for (ThrowingCall call : new ThrowingCall[] {
            () -> client().resolve(ref("src/present:absent")), () -> client().getManifest(ref("src/present:absent"))
        }) {
            assertThatThrownBy(call::run).isInstanceOfSatisfying(RegistryException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.MANIFEST_UNKNOWN);
                assertThat(e.status()).isEqualTo(404);
                assertThat(e.getMessage())
                        .contains("tag absent of " + registry().host() + "/src/present");
            });
        }
    }

    @FunctionalInterface
    interface ThrowingCall {
        void run() throws Exception;
    }

    /** Mounts every blob of {@code manifest} from {@code fromRepository}, then pushes its bytes to {@code target}. */
    protected void copyByMounting(Manifest manifest, String fromRepository, ImageReference target) throws Exception {
        for (Descriptor blob : manifest.blobs()) {
            assertThat(client().mountBlob(target, blob.digest(), fromRepository))
                    .as("mount %s", blob.digest())
                    .isTrue();
        }
        assertThat(client().putManifest(target, manifest)).isEqualTo(manifest.digest());
    }
}
