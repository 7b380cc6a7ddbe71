package io.jenkins.plugins.imagestreams.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.registry.model.Descriptor;
import io.jenkins.plugins.imagestreams.registry.model.Manifest;
import io.jenkins.plugins.imagestreams.testing.Fault;
import io.jenkins.plugins.imagestreams.testing.FaultProxy;
import io.jenkins.plugins.imagestreams.testing.FaultRule;
import io.jenkins.plugins.imagestreams.testing.OciLayout;
import io.jenkins.plugins.imagestreams.testing.RegistryFixture;
import io.jenkins.plugins.imagestreams.testing.Skopeo;
import io.jenkins.plugins.imagestreams.testing.TestImages;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The client through a fault-injecting proxy in front of the real registry. */
public class RegistryClientFaultTest {
    private static final String HEAD_PATH = "/v2/fault/app/manifests/1";

    @ClassRule
    public static final TemporaryFolder TMP = new TemporaryFolder();

    @ClassRule
    public static final RegistryFixture REGISTRY = RegistryFixture.plain();

    private static OciLayout image;

    @Rule
    public final FaultProxy proxy = FaultProxy.inFrontOf(REGISTRY);

    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private final RegistryClient client = RegistryClient.builder()
            .retryPolicy(AbstractRegistryClientRealTest.FAST)
            .sleeper(sleeps::add)
            .requestTimeout(Duration.ofMillis(1500))
            .build();

    @BeforeClass
    public static void pushImage() throws Exception {
        image = TestImages.image(TMP.newFolder().toPath(), "through the fault proxy", 1, 2 * 1024 * 1024);
        Skopeo.push(image, REGISTRY, "fault/app:1");
    }

    private ImageReference ref(String repoAndTag) {
        return ImageReference.parse(proxy.host() + "/" + repoAndTag);
    }

    @Test
    public void serverErrorsAreRetriedThenTheResolveSucceeds() throws Exception {
        for (int status : new int[] {500, 502, 503}) {
            proxy.clearRules();
            proxy.clearRequests();
            proxy.add(FaultRule.on("HEAD", HEAD_PATH).next(2).inject(Fault.status(status)));

            assertThat(client.resolve(ref("fault/app:1")))
                    .as("after %d", status)
                    .isEqualTo(Digest.parse(image.digest()));
            assertThat(proxy.requestCount("HEAD", HEAD_PATH)).isEqualTo(3);
        }
    }

    @Test
    public void tooManyRequestsIsRetriedAfterTheCappedRetryAfter() throws Exception {
        proxy.add(FaultRule.on("HEAD", HEAD_PATH).next(1).inject(Fault.tooManyRequests(30)));

        assertThat(client.resolve(ref("fault/app:1"))).isEqualTo(Digest.parse(image.digest()));
        assertThat(sleeps).contains(AbstractRegistryClientRealTest.FAST.maxRetryAfter());
        assertThat(proxy.requestCount("HEAD", HEAD_PATH)).isEqualTo(2);
    }

    @Test
    public void persistentServerErrorEndsInATypedErrorAfterTheRetryBudget() {
        proxy.add(FaultRule.on("HEAD", HEAD_PATH).inject(Fault.status(500)));

        assertThatThrownBy(() -> client.resolve(ref("fault/app:1")))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(500);
                    assertThat(e.isRetryable()).isTrue();
                    assertThat(e.action()).isEqualTo("resolve tag 1 of " + proxy.host() + "/fault/app");
                    assertThat(e.getMessage()).contains("still failing after 3 attempts");
                });
        assertThat(proxy.requestCount("HEAD", HEAD_PATH)).isEqualTo(3);
    }

    @Test
    public void connectionResetsAreRetried() throws Exception {
        proxy.add(FaultRule.on("GET", HEAD_PATH).next(2).inject(Fault.reset()));

        assertThat(client.getManifest(ref("fault/app:1")).digest()).isEqualTo(Digest.parse(image.digest()));
        assertThat(proxy.requestCount("GET", HEAD_PATH)).isEqualTo(3);
    }

    @Test
    public void persistentResetIsAConnectionError() {
        proxy.add(FaultRule.on("HEAD", HEAD_PATH).inject(Fault.reset()));
        assertThatThrownBy(() -> client.resolve(ref("fault/app:1")))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION);
                    assertThat(e.status()).isZero();
                });
    }

    @Test
    public void stalledResponseTimesOutAndIsRetried() throws Exception {
        proxy.add(FaultRule.on("HEAD", HEAD_PATH).next(1).inject(Fault.stall(Duration.ofSeconds(5))));
        long start = System.nanoTime();

        assertThat(client.resolve(ref("fault/app:1"))).isEqualTo(Digest.parse(image.digest()));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
        assertThat(sleeps).as("one backoff after the timeout").hasSize(1);
    }

    @Test
    public void truncatedManifestNeverYieldsADigest() throws Exception {
        proxy.add(FaultRule.on("GET", HEAD_PATH).next(1).inject(Fault.truncate()));
        assertThat(client.getManifest(ref("fault/app:1")).bytes()).isEqualTo(image.manifestBytes());

        proxy.clearRules();
        proxy.add(FaultRule.on("GET", HEAD_PATH).inject(Fault.truncate()));
        assertThatThrownBy(() -> client.getManifest(ref("fault/app:1")))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.code())
                        .isIn(ErrorCode.CONNECTION, ErrorCode.DIGEST_MISMATCH));
    }

    @Test
    public void truncatedBlobDownloadFailsInsteadOfEndingEarly() throws Exception {
        Digest layer = client.getManifest(ref("fault/app:1")).layers().get(0).digest();
        proxy.add(FaultRule.on("GET", "/v2/fault/app/blobs/.+").inject(Fault.truncate()));
        try (BlobStream in = client.openBlob(ref("fault/app"), layer)) {
            assertThatThrownBy(in::readAllBytes).isInstanceOf(IOException.class);
        }
    }

    @Test
    public void wrongDockerContentDigestIsAMismatchNotAnAnswer() throws Exception {
        Digest wrong = Digest.sha256("not the manifest".getBytes());
        proxy.add(FaultRule.on("*", "/v2/fault/app/manifests/.+").inject(Fault.rewriteDigest(wrong.toString())));

        assertThatThrownBy(() -> client.getManifest(ref("fault/app:1")))
                .isInstanceOfSatisfying(
                        RegistryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DIGEST_MISMATCH));
        assertThatThrownBy(() -> client.resolve(ref("fault/app@" + image.digest())))
                .isInstanceOfSatisfying(
                        RegistryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DIGEST_MISMATCH));
    }

    @Test
    public void oversizeManifestIsTooLarge() {
        proxy.add(FaultRule.on("GET", HEAD_PATH).inject(Fault.oversize(5L * 1024 * 1024)));
        assertThatThrownBy(() -> client.getManifest(ref("fault/app:1")))
                .isInstanceOfSatisfying(
                        RegistryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TOO_LARGE));
        assertThat(proxy.requestCount("GET", HEAD_PATH)).as("not retried").isEqualTo(1);
    }

    @Test
    public void failedMountCancelsTheUploadSessionTheRegistryOpened() throws Exception {
        Digest absent = Digest.sha256("absent blob".getBytes());

        assertThat(client.mountBlob(ref("fault/copy:1"), absent, "fault/app")).isFalse();

        assertThat(proxy.requestCount("POST", "/v2/fault/copy/blobs/uploads/")).isEqualTo(1);
        assertThat(proxy.requestCount("DELETE", "/v2/fault/copy/blobs/uploads/.+"))
                .isEqualTo(1);
    }

    @Test
    public void mountMovesNoLayerBytesAndUploadThroughTheProxyStreamsThem() throws Exception {
        Manifest manifest = client.getManifest(ref("fault/app:1"));
        Descriptor layer = manifest.layers().get(0);
        proxy.clearRequests();

        for (Descriptor blob : manifest.blobs()) {
            assertThat(client.mountBlob(ref("fault/mounted:1"), blob.digest(), "fault/app"))
                    .isTrue();
        }
        client.putManifest(ref("fault/mounted:1"), manifest);
        assertThat(proxy.uploadedBytes()).isEqualTo(manifest.size());

        byte[] content;
        try (BlobStream in = client.openBlob(ref("fault/app"), layer.digest())) {
            content = in.readAllBytes();
        }
        proxy.clearRequests();
        client.uploadBlob(ref("fault/uploaded"), layer.digest(), layer.size(), BlobSource.of(content));
        assertThat(proxy.uploadedBytes()).isEqualTo(layer.size());
        assertThat(proxy.requestCount("PATCH", "/v2/fault/uploaded/blobs/uploads/.+"))
                .isEqualTo(1);
        assertThat(client.blobExists(ref("fault/uploaded"), layer.digest())).isTrue();
    }
}
