package io.jenkins.plugins.imagestreams.promote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.jenkins.plugins.imagestreams.api.Attachment;
import io.jenkins.plugins.imagestreams.api.Attachment.Kind;
import io.jenkins.plugins.imagestreams.api.CopyOptions;
import io.jenkins.plugins.imagestreams.api.CopyResult;
import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.registry.ErrorCode;
import io.jenkins.plugins.imagestreams.registry.RegistryClient;
import io.jenkins.plugins.imagestreams.registry.RegistryException;
import io.jenkins.plugins.imagestreams.registry.model.AttachmentTags;
import io.jenkins.plugins.imagestreams.registry.model.Descriptor;
import io.jenkins.plugins.imagestreams.registry.model.Manifest;
import io.jenkins.plugins.imagestreams.registry.model.Platform;
import io.jenkins.plugins.imagestreams.registry.model.Referrer;
import io.jenkins.plugins.imagestreams.registry.model.ReferrersIndex;
import io.jenkins.plugins.imagestreams.testing.AccessLog;
import io.jenkins.plugins.imagestreams.testing.OciLayout;
import io.jenkins.plugins.imagestreams.testing.RegistryFixture;
import io.jenkins.plugins.imagestreams.testing.Skopeo;
import io.jenkins.plugins.imagestreams.testing.TestAttachments;
import io.jenkins.plugins.imagestreams.testing.TestImages;
import java.util.List;
import java.util.Optional;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Copies within one registry carry signatures, attestations, SBOMs and referrers, mounting their blobs. */
public class ImageCopierAttachmentsTest {
    @ClassRule
    public static final TemporaryFolder TMP = new TemporaryFolder();

    @ClassRule
    public static final RegistryFixture REGISTRY =
            RegistryFixture.builder().accessLog().build();

    private final RegistryClient client = RegistryClient.builder().build();
    private final AccessLog log = new AccessLog(REGISTRY);

    @Rule
    public final CopierRule copier = new CopierRule(client, 4);

    private static ImageReference ref(String repoAndTag) {
        return ImageReference.parse(REGISTRY.reference(repoAndTag));
    }

    private OciLayout pushImage(String content, String repoAndTag) throws Exception {
        OciLayout image = TestImages.image(TMP.newFolder().toPath(), content);
        Skopeo.push(image, REGISTRY, repoAndTag);
        return image;
    }

    private ReferrersIndex referrersTag(String repository, Digest subject) throws RegistryException {
        return ReferrersIndex.parse(client.getManifest(ref(repository + ":" + AttachmentTags.referrersTag(subject))));
    }

    @Test
    public void signatureAttestationSbomAndReferrerComeAlongMountedWithTheirDigests() throws Exception {
        OciLayout image = pushImage("signed within", "team-a/signed:1");
        Attached attached = Attached.push(REGISTRY, "team-a/signed", TestAttachments.Subject.of(image), TMP);
        log.mark();

        CopyResult result = copier.copy(ref("team-a/signed:1"), ref("team-b/signed:1"));

        assertThat(result.carried())
                .extracting(Attachment::kind, Attachment::digest)
                .containsExactly(
                        tuple(Kind.SIGNATURE, attached.signature()),
                        tuple(Kind.ATTESTATION, attached.attestation()),
                        tuple(Kind.SBOM, attached.sbom()),
                        tuple(Kind.REFERRER, attached.referrer()));
        assertThat(result.carried()).allSatisfy(a -> assertThat(a.subject()).isEqualTo(attached.subject()));
        assertThat(result.carried().get(0).tag()).contains(AttachmentTags.SIGNATURE.tagFor(attached.subject()));
        assertThat(result.carried().get(3).artifactType()).contains(Attached.SPDX);
        for (AttachmentTags kind : AttachmentTags.values()) {
            String tag = "team-b/signed:" + kind.tagFor(attached.subject());
            assertThat(Digest.parse(Skopeo.inspectDigest(REGISTRY, tag)))
                    .isEqualTo(client.resolve(ref("team-a/signed:" + kind.tagFor(attached.subject()))));
        }
        assertThat(client.resolve(ref("team-b/signed@" + attached.referrer()))).isEqualTo(attached.referrer());
        assertThat(referrersTag("team-b/signed", attached.subject()).referrers())
                .extracting(Referrer::digest, Referrer::artifactType)
                .containsExactly(tuple(attached.referrer(), Optional.of(Attached.SPDX)));
        assertThat(result.blobsMounted()).isEqualTo(2 + 3 * 2 + 2).isEqualTo(log.mounts());
        assertThat(result.bytesUploaded()).isZero();
        assertThat(log.blobWrites()).isZero();
        assertThat(result.manifestsPushed()).isEqualTo(1 + 3 + 1 + 1);
        assertThat(client.resolve(ref("team-b/signed:1"))).isEqualTo(Digest.parse(image.digest()));
    }

    @Test
    public void indexCarriesWhatIsAttachedToItAndToEachChildAndOnePlatformOnlyItsOwn() throws Exception {
        OciLayout index = TestImages.index(TMP.newFolder().toPath(), "signed index", "linux/amd64", "linux/arm64");
        Skopeo.push(index, REGISTRY, "team-a/multi:1");
        Digest indexDigest = Digest.parse(index.digest());
        Descriptor arm = client.getManifest(ref("team-a/multi:1")).children().stream()
                .filter(c -> c.platform().orElseThrow().architecture().equals("arm64"))
                .findFirst()
                .orElseThrow();
        Digest indexSignature = Attached.cosign(
                REGISTRY, "team-a/multi", indexDigest, AttachmentTags.SIGNATURE, TestAttachments.SIMPLE_SIGNING, TMP);
        OciLayout armSbom = Attached.pushReferrer(
                REGISTRY,
                "team-a/multi",
                new TestAttachments.Subject(arm.mediaType(), arm.digest().toString(), arm.size()),
                "sbom of arm64",
                TMP);
        Attached.listReferrers(REGISTRY, "team-a/multi", arm.digest(), TMP, armSbom);

        CopyResult whole = copier.copy(ref("team-a/multi:1"), ref("team-b/multi:1"));
        CopyResult armOnly = copier.copy(
                ref("team-a/multi:1"),
                ref("team-c/multi:arm"),
                CopyOptions.defaults().withPlatform(Platform.parse("linux/arm64")));

        assertThat(whole.carried())
                .extracting(Attachment::subject, Attachment::kind, Attachment::digest)
                .containsExactlyInAnyOrder(
                        tuple(indexDigest, Kind.SIGNATURE, indexSignature),
                        tuple(arm.digest(), Kind.REFERRER, Digest.parse(armSbom.digest())));
        assertThat(client.resolve(ref("team-b/multi:" + AttachmentTags.SIGNATURE.tagFor(indexDigest))))
                .isEqualTo(indexSignature);
        assertThat(referrersTag("team-b/multi", arm.digest()).lists(Digest.parse(armSbom.digest())))
                .isTrue();
        assertThat(armOnly.carried())
                .extracting(Attachment::subject, Attachment::digest)
                .containsExactly(tuple(arm.digest(), Digest.parse(armSbom.digest())));
        assertThat(client.listTags(ref("team-c/multi:arm")))
                .containsExactlyInAnyOrder("arm", AttachmentTags.referrersTag(arm.digest()));
    }

    @Test
    public void withAttachmentsOffTheImageComesAloneAndNoAttachmentIsAskedFor() throws Exception {
        OciLayout image = pushImage("signed but alone", "team-a/alone:1");
        Attached.push(REGISTRY, "team-a/alone", TestAttachments.Subject.of(image), TMP);
        log.mark();

        CopyResult result = copier.copy(
                ref("team-a/alone:1"),
                ref("team-b/alone:1"),
                CopyOptions.defaults().withAttachments(false));

        assertThat(result.carried()).isEmpty();
        assertThat(result.manifestsPushed()).isEqualTo(1);
        assertThat(client.listTags(ref("team-b/alone:1"))).containsExactly("1");
        assertThat(log.count("GET", "/v2/team-a/alone/manifests/sha256-.*")).isZero();
        assertThat(log.count("GET", "/v2/team-a/alone/referrers/.*")).isZero();
    }

    @Test
    public void referrerWhoseSubjectIsAnotherImageIsRefusedNamingBothAndNoneOfItNorAnyManifestMoves() throws Exception {
        OciLayout image = pushImage("hostile target", "team-a/hostile:1");
        OciLayout other = pushImage("hostile other", "team-a/hostile:other");
        OciLayout foreign = Attached.pushReferrer(
                REGISTRY, "team-a/hostile", TestAttachments.Subject.of(other), "sbom of the other", TMP);
        Attached.listReferrers(REGISTRY, "team-a/hostile", Digest.parse(image.digest()), TMP, foreign);
        log.mark();

        assertThatThrownBy(() -> copier.copy(ref("team-a/hostile:1"), ref("team-b/hostile:1")))
                .isInstanceOfSatisfying(
                        RegistryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MANIFEST_INVALID))
                .hasMessageContaining(foreign.digest())
                .hasMessageContaining("whose subject is " + other.digest())
                .hasMessageContaining("not " + image.digest());
        assertThat(log.blobWrites()).isZero();
        List<Descriptor> own = client.getManifest(ref("team-a/hostile:1")).blobs();
        int mountsOfOwn = 0;
        for (Descriptor blob : own) {
            mountsOfOwn += log.count(
                    "POST", "/v2/team-b/.*mount=sha256(:|%3A)" + blob.digest().hex() + "&.*");
        }
        assertThat(log.mounts())
                .as("the image's own blobs may have moved while its attachments were looked up, no others")
                .isEqualTo(mountsOfOwn)
                .isLessThanOrEqualTo(own.size());
        assertThat(log.count("PUT", "/v2/team-b/hostile/manifests/.*")).isZero();
        assertThatThrownBy(() -> client.getManifest(ref("team-b/hostile:1")))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.code())
                        .isIn(ErrorCode.MANIFEST_UNKNOWN, ErrorCode.NAME_UNKNOWN));
    }

    @Test
    public void targetReferrersTagKeepsWhatItListedAndGetsNoDuplicate() throws Exception {
        OciLayout image = pushImage("merged", "team-a/merged:1");
        Attached attached = Attached.push(REGISTRY, "team-a/merged", TestAttachments.Subject.of(image), TMP);
        OciLayout theirs = Attached.pushReferrer(
                REGISTRY, "team-b/merged", TestAttachments.Subject.of(image), "their own sbom", TMP);
        Attached.listReferrers(REGISTRY, "team-b/merged", attached.subject(), TMP, theirs);

        copier.copy(ref("team-a/merged:1"), ref("team-b/merged:1"));
        log.mark();
        CopyResult again = copier.copy(ref("team-a/merged:1"), ref("team-b/merged:2"));

        assertThat(referrersTag("team-b/merged", attached.subject()).referrers())
                .extracting(Referrer::digest)
                .containsExactly(Digest.parse(theirs.digest()), attached.referrer());
        assertThat(again.carried()).extracting(Attachment::digest).contains(attached.referrer());
        assertThat(log.count("PUT", "/v2/team-b/merged/manifests/" + AttachmentTags.referrersTag(attached.subject())))
                .isZero();
    }

    @Test
    public void copyWithinOneRepositoryFindsItsAttachmentsThereAlready() throws Exception {
        OciLayout image = pushImage("retag signed", "team-a/retag:1");
        Attached.push(REGISTRY, "team-a/retag", TestAttachments.Subject.of(image), TMP);
        log.mark();

        CopyResult result = copier.copy(ref("team-a/retag:1"), ref("team-a/retag:2"));

        assertThat(result.carried()).isEmpty();
        assertThat(log.count("GET", "/v2/team-a/retag/manifests/sha256-.*")).isZero();
        assertThat(log.count("PUT", "/v2/team-a/retag/manifests/.*")).isEqualTo(1);
    }

    @Test
    public void sbomThatIsAnIndexComesAlongWithItsChild() throws Exception {
        OciLayout image = pushImage("index attachment", "team-a/nested:1");
        Digest subject = Digest.parse(image.digest());
        OciLayout sbomIndex = TestImages.index(TMP.newFolder().toPath(), "sbom as index", "linux/amd64");
        Skopeo.push(sbomIndex, REGISTRY, "team-a/nested:" + AttachmentTags.SBOM.tagFor(subject));
        Manifest pushed = client.getManifest(ref("team-a/nested:" + AttachmentTags.SBOM.tagFor(subject)));

        CopyResult result = copier.copy(ref("team-a/nested:1"), ref("team-b/nested:1"));

        assertThat(result.carried()).extracting(Attachment::digest).containsExactly(pushed.digest());
        assertThat(client.resolve(
                        ref("team-b/nested@" + pushed.children().get(0).digest())))
                .isEqualTo(pushed.children().get(0).digest());
        assertThat(result.manifestsPushed()).isEqualTo(1 + 2);
        assertThat(result.carried().get(0).tag()).contains(AttachmentTags.SBOM.tagFor(subject));
    }
}
