package io.jenkins.plugins.imagestreams.promote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.imagestreams.api.Attachment;
import io.jenkins.plugins.imagestreams.api.CopyListener;
import io.jenkins.plugins.imagestreams.api.CopyOptions;
import io.jenkins.plugins.imagestreams.api.CopyResult;
import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.registry.ErrorCode;
import io.jenkins.plugins.imagestreams.registry.RegistryClient;
import io.jenkins.plugins.imagestreams.registry.RegistryException;
import io.jenkins.plugins.imagestreams.registry.RetryPolicy;
import io.jenkins.plugins.imagestreams.registry.model.AttachmentTags;
import io.jenkins.plugins.imagestreams.registry.model.Descriptor;
import io.jenkins.plugins.imagestreams.testing.Fault;
import io.jenkins.plugins.imagestreams.testing.FaultProxy;
import io.jenkins.plugins.imagestreams.testing.FaultRule;
import io.jenkins.plugins.imagestreams.testing.OciLayout;
import io.jenkins.plugins.imagestreams.testing.RegistryEndpoint;
import io.jenkins.plugins.imagestreams.testing.RegistryFixture;
import io.jenkins.plugins.imagestreams.testing.Skopeo;
import io.jenkins.plugins.imagestreams.testing.TestAttachments;
import io.jenkins.plugins.imagestreams.testing.TestImages;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Copies across registries carry attachments, streamed; the referrers API is asked first and the referrers tag only
 * where there is none; a target that lists referrers itself gets no referrers tag. Distribution 2.8 has neither
 * feature, so a proxy adds them: it answers the referrers API from the referrers tag, and {@code OCI-Subject} to
 * pushes.
 */
public class ImageCopierAttachmentsAcrossTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SHA256_TAG = "sha256-[0-9a-f]{64}";

    @ClassRule
    public static final TemporaryFolder TMP = new TemporaryFolder();

    @ClassRule
    public static final RegistryFixture SOURCE = RegistryFixture.plain();

    @ClassRule
    public static final RegistryFixture TARGET = RegistryFixture.plain();

    @Rule
    public final FaultProxy sourceProxy = FaultProxy.inFrontOf(SOURCE);

    @Rule
    public final FaultProxy targetProxy = FaultProxy.inFrontOf(TARGET);

    private final RegistryClient client = RegistryClient.builder()
            .retryPolicy(new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(50)))
            .build();

    @Rule
    public final CopierRule copier = new CopierRule(client, 3);

    private static ImageReference ref(RegistryEndpoint registry, String repoAndTag) {
        return ImageReference.parse(registry.host() + "/" + repoAndTag);
    }

    private Attached signedImage(String content, String repository) throws Exception {
        OciLayout image = TestImages.image(TMP.newFolder().toPath(), content);
        Skopeo.push(image, SOURCE, repository + ":1");
        return Attached.push(SOURCE, repository, TestAttachments.Subject.of(image), TMP);
    }

    @Test
    public void attachmentsAreStreamedAcrossAndListedUnderTheTargetsReferrersTag() throws Exception {
        Attached attached = signedImage("across signed", "src/app");

        CopyResult result = copier.copy(ref(SOURCE, "src/app:1"), ref(TARGET, "dst/app:1"));

        assertThat(result.carried())
                .extracting(Attachment::digest)
                .containsExactly(attached.signature(), attached.attestation(), attached.sbom(), attached.referrer());
        for (AttachmentTags kind : AttachmentTags.values()) {
            assertThat(Skopeo.inspectDigest(TARGET, "dst/app:" + kind.tagFor(attached.subject())))
                    .isEqualTo(Skopeo.inspectDigest(SOURCE, "src/app:" + kind.tagFor(attached.subject())));
        }
        JsonNode index =
                JSON.readTree(Skopeo.rawManifest(TARGET, "dst/app:" + AttachmentTags.referrersTag(attached.subject())));
        assertThat(index.path("mediaType").asText()).isEqualTo("application/vnd.oci.image.index.v1+json");
        assertThat(index.path("manifests")).hasSize(1);
        JsonNode entry = index.path("manifests").get(0);
        assertThat(entry.path("digest").asText()).isEqualTo(attached.referrer().toString());
        assertThat(entry.path("artifactType").asText()).isEqualTo(Attached.SPDX);
        assertThat(entry.path("annotations")
                        .path("org.opencontainers.image.created")
                        .asText())
                .isNotEmpty();
        assertThat(Skopeo.inspectDigest(TARGET, "dst/app@" + attached.referrer()))
                .isEqualTo(attached.referrer().toString());
        assertThat(result.blobsUploaded()).isEqualTo(2 + 3 * 2 + 2);
        assertThat(result.blobsMounted()).isZero();
    }

    @Test
    public void findingAttachmentsCostsOneRequestPerCosignTagAndTheReferrersListPerManifest() throws Exception {
        OciLayout index = TestImages.index(TMP.newFolder().toPath(), "cost", "linux/amd64", "linux/arm64");
        Skopeo.push(index, SOURCE, "src/cost:1");

        CopyResult result = copier.copy(ref(sourceProxy, "src/cost:1"), ref(TARGET, "dst/cost:1"));

        assertThat(result.carried()).isEmpty();
        assertThat(sourceProxy.requestCount("GET", "/v2/src/cost/manifests/" + SHA256_TAG + "\\.(sig|att|sbom)"))
                .isEqualTo(3 * 3);
        assertThat(sourceProxy.requestCount("GET", "/v2/src/cost/referrers/.+"))
                .as("asked once: after a 404 the registry has no referrers API")
                .isEqualTo(1);
        assertThat(sourceProxy.requestCount("GET", "/v2/src/cost/manifests/" + SHA256_TAG))
                .isEqualTo(3);
        assertThat(sourceProxy.requestCount("HEAD", ".*")).isZero();
    }

    @Test
    public void referrersApiIsAskedAndTheReferrersTagIsNotRead() throws Exception {
        Attached attached = signedImage("api signed", "src/api");
        sourceProxy.add(FaultRule.on("GET", "/v2/.+/referrers/.+")
                .inject(Fault.rewritePath("/v2/(.+)/referrers/sha256:([0-9a-f]{64})", "/v2/$1/manifests/sha256-$2")));

        CopyResult result = copier.copy(ref(sourceProxy, "src/api:1"), ref(TARGET, "dst/api:1"));

        assertThat(result.carried()).extracting(Attachment::digest).contains(attached.referrer());
        assertThat(sourceProxy.requestCount("GET", "/v2/src/api/referrers/" + attached.subject()))
                .isEqualTo(1);
        assertThat(sourceProxy.requestCount("GET", "/v2/src/api/manifests/" + SHA256_TAG))
                .isZero();
        assertThat(Skopeo.inspectDigest(TARGET, "dst/api@" + attached.referrer()))
                .isEqualTo(attached.referrer().toString());
    }

    @Test
    public void targetThatListsReferrersItselfGetsNoReferrersTag() throws Exception {
        Attached attached = signedImage("listed by the target", "src/listed");
        targetProxy.add(FaultRule.on("PUT", "/v2/dst/listed/manifests/sha256:.+")
                .inject(Fault.addResponseHeader(
                        "OCI-Subject", attached.subject().toString())));

        CopyResult result = copier.copy(ref(SOURCE, "src/listed:1"), ref(targetProxy, "dst/listed:1"));

        assertThat(result.carried()).extracting(Attachment::digest).contains(attached.referrer());
        assertThat(targetProxy.requestCount("PUT", "/v2/dst/listed/manifests/" + attached.referrer()))
                .isEqualTo(1);
        assertThat(targetProxy.requestCount("*", "/v2/dst/listed/manifests/" + SHA256_TAG))
                .isZero();
        assertThat(client.listTags(ref(TARGET, "dst/listed:1")))
                .doesNotContain(AttachmentTags.referrersTag(attached.subject()));
    }

    @Test
    public void attachmentThatCannotBeWrittenFailsTheCopyNamingItAndTheTargetTagStays() throws Exception {
        Attached attached = signedImage("denied attestation", "src/denied");
        OciLayout old = TestImages.image(TMP.newFolder().toPath(), "denied old");
        Skopeo.push(old, TARGET, "dst/denied:prod");
        String attestationTag = AttachmentTags.ATTESTATION.tagFor(attached.subject());
        targetProxy.add(FaultRule.on("PUT", "/v2/dst/denied/manifests/" + attestationTag)
                .inject(Fault.errors(403, "DENIED")));

        assertThatThrownBy(() -> copier.copy(ref(SOURCE, "src/denied:1"), ref(targetProxy, "dst/denied:prod")))
                .isInstanceOfSatisfying(
                        RegistryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DENIED))
                .hasMessageContaining(attestationTag);
        assertThat(Skopeo.inspectDigest(TARGET, "dst/denied:prod")).isEqualTo(old.digest());
    }

    @Test
    public void attachmentThatCannotBeReadFailsTheCopyNamingItBeforeAnyManifestOrAttachmentBlobMoves()
            throws Exception {
        Attached attached = signedImage("unreadable sbom", "src/unreadable");
        String sbomTag = AttachmentTags.SBOM.tagFor(attached.subject());
        sourceProxy.add(
                FaultRule.on("GET", "/v2/src/unreadable/manifests/" + sbomTag).inject(Fault.status(500)));

        assertThatThrownBy(() -> copier.copy(ref(sourceProxy, "src/unreadable:1"), ref(targetProxy, "dst/unread:1")))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining(sbomTag);
        List<Descriptor> own =
                client.getManifest(ref(SOURCE, "src/unreadable:1")).blobs();
        assertThat(targetProxy.requests())
                .as("only the image's own blobs may have moved while its attachments were looked up")
                .allSatisfy(request -> assertThat(request.path()).startsWith("/v2/dst/unread/blobs/"));
        assertThat(targetProxy.uploadedBytes())
                .isLessThanOrEqualTo(own.stream().mapToLong(Descriptor::size).sum());
        assertThat(Digest.parse(Skopeo.inspectDigest(SOURCE, "src/unreadable:" + sbomTag)))
                .isEqualTo(attached.sbom());
    }

    @Test
    public void aLookupThatFailsEndsTheCopyOnlyOnceTheBlobsUnderWayHaveMoved() throws Exception {
        Attached attached = signedImage("failing while moving", "src/failing");
        String sbomTag = AttachmentTags.SBOM.tagFor(attached.subject());
        sourceProxy.add(FaultRule.on("GET", "/v2/src/failing/blobs/.+").inject(Fault.stall(Duration.ofSeconds(1))));
        sourceProxy.add(
                FaultRule.on("GET", "/v2/src/failing/manifests/" + sbomTag).inject(Fault.status(500)));
        List<Descriptor> done = new CopyOnWriteArrayList<>();
        CopyListener listener = new CopyListener() {
            @Override
            public void blobDone(Descriptor blob, CopyListener.BlobOutcome outcome) {
                done.add(blob);
            }
        };

        assertThatThrownBy(() -> copier.copy(
                        ref(sourceProxy, "src/failing:1"),
                        ref(targetProxy, "dst/failing:1"),
                        CopyOptions.defaults().withListener(listener)))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining(sbomTag);
        List<Descriptor> doneWhenItFailed = List.copyOf(done);

        assertThat(doneWhenItFailed)
                .as("both blobs of the image were under way, each read stalled, when the lookup failed")
                .extracting(Descriptor::digest)
                .containsExactlyInAnyOrderElementsOf(client.getManifest(ref(SOURCE, "src/failing:1")).blobs().stream()
                        .map(Descriptor::digest)
                        .toList());
        assertThat(targetProxy.requestCount("PUT", "/v2/dst/failing/manifests/.+"))
                .isZero();
    }

    @Test
    public void theAttachmentsBlobsMoveAlongsideAnImageBlobStillUnderWay() throws Exception {
        OciLayout image = TestImages.image(TMP.newFolder().toPath(), "slow layer");
        Skopeo.push(image, SOURCE, "src/slowlayer:1");
        Attached.push(SOURCE, "src/slowlayer", TestAttachments.Subject.of(image), TMP);
        Descriptor layer =
                client.getManifest(ref(SOURCE, "src/slowlayer:1")).layers().get(0);
        sourceProxy.add(FaultRule.on("GET", "/v2/src/slowlayer/blobs/" + layer.digest())
                .inject(Fault.stall(Duration.ofSeconds(2))));
        List<Descriptor> done = new CopyOnWriteArrayList<>();
        CopyListener listener = new CopyListener() {
            @Override
            public void blobDone(Descriptor blob, CopyListener.BlobOutcome outcome) {
                done.add(blob);
            }
        };

        CopyResult result = copier.copy(
                ref(sourceProxy, "src/slowlayer:1"),
                ref(TARGET, "dst/slowlayer:1"),
                CopyOptions.defaults().withListener(listener));

        assertThat(result.blobsUploaded()).isEqualTo(10);
        assertThat(done).hasSize(10);
        assertThat(done.get(9).digest())
                .as("the stalled layer is the last blob done: the attachments' 8 did not wait for it")
                .isEqualTo(layer.digest());
    }

    @Test
    public void onOneThreadTheAttachmentsAreLookedUpBetweenTheImagesBlobsNotAfterThem() throws Exception {
        OciLayout image = TestImages.image(TMP.newFolder().toPath(), "one thread", 3, 1_000);
        Skopeo.push(image, SOURCE, "src/onethread:1");
        Attached attached = Attached.push(SOURCE, "src/onethread", TestAttachments.Subject.of(image), TMP);
        String signature = "/v2/src/onethread/manifests/" + AttachmentTags.SIGNATURE.tagFor(attached.subject());
        // the first blob read waits, so that the lookups are queued behind the worker moving it
        sourceProxy.add(
                FaultRule.on("GET", "/v2/src/onethread/blobs/.+").next(1).inject(Fault.stall(Duration.ofSeconds(1))));
        List<Integer> signatureAnswered = new CopyOnWriteArrayList<>();
        CopyListener listener = new CopyListener() {
            @Override
            public void blobDone(Descriptor blob, CopyListener.BlobOutcome outcome) {
                signatureAnswered.add(sourceProxy.requestCount("GET", signature));
            }
        };
        ExecutorService one = Executors.newSingleThreadExecutor();
        try {
            new ImageCopier(client, one, 1)
                    .copy(
                            ref(sourceProxy, "src/onethread:1"),
                            ref(TARGET, "dst/onethread:1"),
                            CopyOptions.defaults().withListener(listener));
        } finally {
            one.shutdownNow();
        }

        assertThat(signatureAnswered.subList(0, 4))
                .as("the config and 3 layers: the lookups ran once the first blob had moved")
                .containsExactly(0, 1, 1, 1);
    }

    @Test
    public void theImagesBlobsMoveWhileItsAttachmentsAreLookedUpAndThePlanAddsUp() throws Exception {
        Attached attached = signedImage("looked up meanwhile", "src/meanwhile");
        String signature = "/v2/src/meanwhile/manifests/" + AttachmentTags.SIGNATURE.tagFor(attached.subject());
        // the proxy records a request when it forwards it, after the stall: a count of 0 means not answered yet
        sourceProxy.add(FaultRule.on("GET", signature).inject(Fault.stall(Duration.ofSeconds(3))));
        List<String> events = new CopyOnWriteArrayList<>();
        AtomicInteger plannedBlobs = new AtomicInteger();
        AtomicLong plannedBytes = new AtomicLong();
        CopyListener listener = new CopyListener() {
            @Override
            public void started(int blobs, long bytes) {
                events.add("started: " + blobs + " blobs");
                plannedBlobs.addAndGet(blobs);
                plannedBytes.addAndGet(bytes);
            }

            @Override
            public void attachmentBlobs(int blobs, long bytes) {
                events.add("attachments: " + blobs + " blobs");
                plannedBlobs.addAndGet(blobs);
                plannedBytes.addAndGet(bytes);
            }

            @Override
            public void blobDone(Descriptor blob, CopyListener.BlobOutcome outcome) {
                events.add("blob done, signature answered: " + sourceProxy.requestCount("GET", signature));
            }
        };

        CopyResult result = copier.copy(
                ref(sourceProxy, "src/meanwhile:1"),
                ref(TARGET, "dst/meanwhile:1"),
                CopyOptions.defaults().withListener(listener));

        assertThat(events)
                .containsExactly(
                        "started: 2 blobs",
                        "blob done, signature answered: 0",
                        "blob done, signature answered: 0",
                        "attachments: 8 blobs",
                        "blob done, signature answered: 1",
                        "blob done, signature answered: 1",
                        "blob done, signature answered: 1",
                        "blob done, signature answered: 1",
                        "blob done, signature answered: 1",
                        "blob done, signature answered: 1",
                        "blob done, signature answered: 1",
                        "blob done, signature answered: 1");
        assertThat(result.carried()).hasSize(4);
        assertThat(plannedBlobs.get()).isEqualTo(result.blobsUploaded()).isEqualTo(10);
        assertThat(plannedBytes.get()).isEqualTo(result.bytesUploaded());
        assertThat(Skopeo.inspectDigest(TARGET, "dst/meanwhile:" + AttachmentTags.SIGNATURE.tagFor(attached.subject())))
                .isEqualTo(attached.signature().toString());
    }
}
