package io.jenkins.plugins.imagestreams.promote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagestreams.api.CopyListener;
import io.jenkins.plugins.imagestreams.api.CopyOptions;
import io.jenkins.plugins.imagestreams.api.CopyResult;
import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.registry.Credentials;
import io.jenkins.plugins.imagestreams.registry.ErrorCode;
import io.jenkins.plugins.imagestreams.registry.RegistryClient;
import io.jenkins.plugins.imagestreams.registry.RegistryException;
import io.jenkins.plugins.imagestreams.registry.RetryPolicy;
import io.jenkins.plugins.imagestreams.registry.model.Descriptor;
import io.jenkins.plugins.imagestreams.testing.Fault;
import io.jenkins.plugins.imagestreams.testing.FaultProxy;
import io.jenkins.plugins.imagestreams.testing.FaultRule;
import io.jenkins.plugins.imagestreams.testing.OciLayout;
import io.jenkins.plugins.imagestreams.testing.RegistryFixture;
import io.jenkins.plugins.imagestreams.testing.Skopeo;
import io.jenkins.plugins.imagestreams.testing.TestImages;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.After;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ImageCopierFailureTest {
    private static final String UPLOAD_PUT = "/v2/dst/.+/blobs/uploads/.+";

    @ClassRule
    public static final TemporaryFolder TMP = new TemporaryFolder();

    @ClassRule
    public static final RegistryFixture SOURCE = RegistryFixture.plain();

    @ClassRule
    public static final RegistryFixture TARGET = RegistryFixture.plain();

    @Rule
    public final FaultProxy proxy = FaultProxy.inFrontOf(TARGET);

    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final RegistryClient client = RegistryClient.builder()
            .retryPolicy(new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(1)))
            .sleeper(waits::add)
            .build();
    private final List<Duration> manifestPutPauses = new CopyOnWriteArrayList<>();

    @After
    public void stopExecutor() {
        executor.shutdownNow();
    }

    @Test
    public void copyFailingAfterTheFirstBlobLeavesTheTagUnchangedAndARerunCompletes() throws Exception {
        OciLayout old = TestImages.image(TMP.newFolder().toPath(), "interrupted old");
        OciLayout image = TestImages.image(TMP.newFolder().toPath(), "interrupted new", 3, 100_000);
        Skopeo.push(old, proxy, "dst/app:prod");
        Skopeo.push(image, SOURCE, "src/app:1");
        ImageReference target = ImageReference.parse(proxy.host() + "/dst/app:prod");
        ImageCopier copier = new ImageCopier(client, executor, 1);
        FaultRule failUploads = FaultRule.on("PUT", UPLOAD_PUT).inject(Fault.status(503));
        CopyListener failAfterFirst = new CopyListener() {
            @Override
            public void blobDone(Descriptor blob, BlobOutcome outcome) {
                if (failUploads.applied() == 0 && !proxy.requests().isEmpty()) {
                    proxy.add(failUploads);
                }
            }
        };
        proxy.clearRequests();

        assertThatThrownBy(() -> copier.copy(
                        ImageReference.parse(SOURCE.reference("src/app:1")),
                        target,
                        CopyOptions.defaults().withListener(failAfterFirst)))
                .isInstanceOfSatisfying(
                        RegistryException.class, e -> assertThat(e.status()).isEqualTo(503))
                .hasMessageContaining("still failing after 3 attempts");

        assertThat(failUploads.applied()).isEqualTo(3);
        assertThat(proxy.requestCount("PUT", "/v2/dst/app/manifests/.+")).isZero();
        assertThat(client.resolve(target)).isEqualTo(Digest.parse(old.digest()));

        proxy.clearRules();
        CopyResult rerun = copier.copy(ImageReference.parse(SOURCE.reference("src/app:1")), target);

        assertThat(rerun.digest()).isEqualTo(Digest.parse(image.digest()));
        assertThat(rerun.blobsSkipped()).isEqualTo(1);
        assertThat(rerun.blobsUploaded()).isEqualTo(3);
        assertThat(Skopeo.inspectDigest(TARGET, "dst/app:prod")).isEqualTo(image.digest());
    }

    @Test
    public void targetRejectingEveryManifestPutLeavesNoTag() throws Exception {
        OciLayout index = TestImages.index(TMP.newFolder().toPath(), "manifest rejected", "linux/amd64", "linux/arm64");
        Skopeo.push(index, SOURCE, "src/multi:1");
        proxy.add(FaultRule.on("PUT", "/v2/dst/multi/manifests/sha256:.+").inject(Fault.status(500)));
        ImageReference target = ImageReference.parse(proxy.host() + "/dst/multi:1");

        assertThatThrownBy(() -> new ImageCopier(client, executor, 2)
                        .copy(ImageReference.parse(SOURCE.reference("src/multi:1")), target))
                .isInstanceOf(RegistryException.class);

        assertThat(proxy.requestCount("PUT", "/v2/dst/multi/manifests/1")).isZero();
        assertThatThrownBy(() -> client.resolve(target))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.code())
                        .isIn(ErrorCode.MANIFEST_UNKNOWN, ErrorCode.NAME_UNKNOWN));
    }

    @Test
    public void manifestPutMeetingABlobLinkBeingRewrittenIsTriedAgain() throws Exception {
        OciLayout image = TestImages.image(TMP.newFolder().toPath(), "link rewritten");
        Skopeo.push(image, SOURCE, "src/relinked:1");
        FaultRule raced = proxy.add(FaultRule.on("PUT", "/v2/dst/relinked/manifests/.+")
                .next(2)
                .inject(Fault.errors(400, "DIGEST_INVALID", "MANIFEST_BLOB_UNKNOWN")));

        CopyResult copied = new ImageCopier(client, executor, 1, manifestPutPauses::add)
                .copy(
                        ImageReference.parse(SOURCE.reference("src/relinked:1")),
                        ImageReference.parse(proxy.host() + "/dst/relinked:1"));

        assertThat(raced.applied()).isEqualTo(2);
        assertThat(proxy.requestCount("PUT", "/v2/dst/relinked/manifests/1")).isEqualTo(3);
        assertThat(manifestPutPauses).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100));
        assertThat(copied.digest()).isEqualTo(Digest.parse(image.digest()));
        assertThat(Skopeo.inspectDigest(TARGET, "dst/relinked:1")).isEqualTo(image.digest());
    }

    @Test
    public void blobStillUnknownAfterEveryAttemptFailsWithTheRegistrysErrorAndNoTag() throws Exception {
        OciLayout image = TestImages.image(TMP.newFolder().toPath(), "blob gone");
        Skopeo.push(image, SOURCE, "src/gone:1");
        proxy.add(FaultRule.on("PUT", "/v2/dst/gone/manifests/.+").inject(Fault.errors(400, "MANIFEST_BLOB_UNKNOWN")));
        ImageReference target = ImageReference.parse(proxy.host() + "/dst/gone:1");

        assertThatThrownBy(() -> new ImageCopier(client, executor, 1, manifestPutPauses::add)
                        .copy(ImageReference.parse(SOURCE.reference("src/gone:1")), target))
                .isInstanceOfSatisfying(
                        RegistryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MANIFEST_BLOB_UNKNOWN))
                .hasMessageContaining("dst/gone");

        assertThat(proxy.requestCount("PUT", "/v2/dst/gone/manifests/1")).isEqualTo(3);
        assertThat(manifestPutPauses).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100));
        assertThatThrownBy(() -> client.resolve(target))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.code())
                        .isIn(ErrorCode.MANIFEST_UNKNOWN, ErrorCode.NAME_UNKNOWN));
    }

    @Test
    public void aSourceServingOtherBytesIsRefusedByTheTargetAndNothingIsTagged() throws Exception {
        OciLayout image = TestImages.image(TMP.newFolder().toPath(), "corrupted on the way", 1, 50_000);
        try (FaultProxy source = FaultProxy.inFrontOf(SOURCE)) {
            source.start();
            Skopeo.push(image, SOURCE, "src/corrupt:1");
            source.add(FaultRule.on("GET", "/v2/src/corrupt/blobs/.+").inject(Fault.corrupt()));
            ImageReference target = ImageReference.parse(TARGET.reference("dst/corrupt:1"));

            assertThatThrownBy(() -> new ImageCopier(client, executor, 1)
                            .copy(ImageReference.parse(source.host() + "/src/corrupt:1"), target))
                    .isInstanceOfSatisfying(
                            RegistryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DIGEST_INVALID))
                    .hasMessageContaining("dst/corrupt");
            assertThatThrownBy(() -> client.resolve(target))
                    .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.code())
                            .isIn(ErrorCode.MANIFEST_UNKNOWN, ErrorCode.NAME_UNKNOWN));
        }
    }

    @Test
    public void targetRewritingTheManifestDigestFailsNamingBothDigests() throws Exception {
        OciLayout image = TestImages.image(TMP.newFolder().toPath(), "rewritten");
        Skopeo.push(image, SOURCE, "src/rewritten:1");
        Digest bogus = Digest.sha256("not the image".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        proxy.add(FaultRule.on("PUT", "/v2/dst/rewritten/manifests/.+").inject(Fault.rewriteDigest(bogus.toString())));

        assertThatThrownBy(() -> new ImageCopier(client, executor, 1)
                        .copy(
                                ImageReference.parse(SOURCE.reference("src/rewritten:1")),
                                ImageReference.parse(proxy.host() + "/dst/rewritten:1")))
                .isInstanceOfSatisfying(
                        RegistryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DIGEST_MISMATCH))
                .hasMessageContaining(bogus.toString())
                .hasMessageContaining(image.digest());
    }

    @Test
    public void targetTheCredentialsCannotPushToFailsWithATypedErrorAndNoTag() throws Exception {
        try (RegistryFixture guarded =
                RegistryFixture.builder().token("bob", "bobs-password").build().start()) {
            OciLayout image = TestImages.image(TMP.newFolder().toPath(), "no push");
            Skopeo.push(image, SOURCE, "src/nopush:1");
            RegistryClient anonymousThere = RegistryClient.builder()
                    .credentials(registry -> registry.equals(guarded.host())
                            ? Optional.empty()
                            : Optional.of(new Credentials("unused", "unused")))
                    .build();
            ImageReference target = ImageReference.parse(guarded.reference("dst/nopush:1"));

            assertThatThrownBy(() -> new ImageCopier(anonymousThere, executor, 1)
                            .copy(ImageReference.parse(SOURCE.reference("src/nopush:1")), target))
                    .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.code())
                            .isIn(ErrorCode.UNAUTHORIZED, ErrorCode.DENIED))
                    .hasMessageContaining(guarded.host() + "/dst/nopush")
                    .hasMessageContaining("credentials");
            assertThat(Skopeo.push(image, guarded, "dst/ok:1")).isEqualTo(image.digest());
            assertThatThrownBy(() -> anonymousThere.resolve(target))
                    .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.code())
                            .isIn(ErrorCode.MANIFEST_UNKNOWN, ErrorCode.NAME_UNKNOWN));
        }
    }
}
