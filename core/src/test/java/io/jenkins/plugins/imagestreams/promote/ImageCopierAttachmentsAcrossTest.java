package io.jenkins.plugins.imagestreams.promote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.imagestreams.api.Attachment;
import io.jenkins.plugins.imagestreams.api.CopyResult;
import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.registry.ErrorCode;
import io.jenkins.plugins.imagestreams.registry.RegistryClient;
import io.jenkins.plugins.imagestreams.registry.RegistryException;
import io.jenkins.plugins.imagestreams.registry.RetryPolicy;
import io.jenkins.plugins.imagestreams.registry.model.AttachmentTags;
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
    public void attachmentThatCannotBeReadFailsTheCopyNamingItBeforeAnythingMoves() throws Exception {
        Attached attached = signedImage("unreadable sbom", "src/unreadable");
        String sbomTag = AttachmentTags.SBOM.tagFor(attached.subject());
        sourceProxy.add(
                FaultRule.on("GET", "/v2/src/unreadable/manifests/" + sbomTag).inject(Fault.status(500)));

        assertThatThrownBy(() -> copier.copy(ref(sourceProxy, "src/unreadable:1"), ref(targetProxy, "dst/unread:1")))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining(sbomTag);
        assertThat(targetProxy.requests()).isEmpty();
        assertThat(Digest.parse(Skopeo.inspectDigest(SOURCE, "src/unreadable:" + sbomTag)))
                .isEqualTo(attached.sbom());
    }
}
