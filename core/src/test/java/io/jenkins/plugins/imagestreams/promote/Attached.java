package io.jenkins.plugins.imagestreams.promote;

import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.registry.model.AttachmentTags;
import io.jenkins.plugins.imagestreams.testing.OciLayout;
import io.jenkins.plugins.imagestreams.testing.RawManifestPush;
import io.jenkins.plugins.imagestreams.testing.RegistryEndpoint;
import io.jenkins.plugins.imagestreams.testing.Skopeo;
import io.jenkins.plugins.imagestreams.testing.TestAttachments;
import java.io.IOException;
import java.util.List;
import org.junit.rules.TemporaryFolder;

/**
 * What cosign and an OCI 1.1 client attached to one manifest in a repository, pushed there by skopeo: a signature,
 * an attestation and an SBOM under the cosign tags, and an SBOM referrer listed under the referrers tag.
 */
record Attached(Digest subject, Digest signature, Digest attestation, Digest sbom, Digest referrer) {
    static final String SPDX = "application/spdx+json";

    /** Pushes all four attachments of {@code subject} into {@code repository}. */
    static Attached push(
            RegistryEndpoint registry, String repository, TestAttachments.Subject subject, TemporaryFolder tmp)
            throws IOException {
        Digest digest = Digest.parse(subject.digest());
        Digest signature =
                cosign(registry, repository, digest, AttachmentTags.SIGNATURE, TestAttachments.SIMPLE_SIGNING, tmp);
        Digest attestation =
                cosign(registry, repository, digest, AttachmentTags.ATTESTATION, TestAttachments.DSSE, tmp);
        Digest sbom = cosign(registry, repository, digest, AttachmentTags.SBOM, TestAttachments.SPDX, tmp);
        OciLayout referrer = pushReferrer(registry, repository, subject, "referrer of " + digest, tmp);
        listReferrers(registry, repository, digest, tmp, referrer);
        return new Attached(digest, signature, attestation, sbom, Digest.parse(referrer.digest()));
    }

    /** Pushes a cosign attachment of {@code subject} under its tag. */
    static Digest cosign(
            RegistryEndpoint registry,
            String repository,
            Digest subject,
            AttachmentTags kind,
            String layerMediaType,
            TemporaryFolder tmp)
            throws IOException {
        OciLayout layout = TestAttachments.cosign(
                tmp.newFolder().toPath(), layerMediaType, kind.name() + " of " + subject + " in " + repository);
        return Digest.parse(Skopeo.push(layout, registry, repository + ":" + kind.tagFor(subject)));
    }

    /** Pushes an SBOM referrer of {@code subject} by digest, without listing it anywhere. */
    static OciLayout pushReferrer(
            RegistryEndpoint registry,
            String repository,
            TestAttachments.Subject subject,
            String payload,
            TemporaryFolder tmp)
            throws IOException {
        OciLayout referrer = TestAttachments.referrer(tmp.newFolder().toPath(), subject, SPDX, payload);
        Skopeo.push(referrer, registry, repository + "@" + referrer.digest());
        return referrer;
    }

    /** Points the referrers tag of {@code subject} at an index of {@code referrers}, pushed already. */
    static void listReferrers(
            RegistryEndpoint registry, String repository, Digest subject, TemporaryFolder tmp, OciLayout... referrers)
            throws IOException {
        OciLayout index = TestAttachments.referrersIndex(tmp.newFolder().toPath(), referrers);
        RawManifestPush.put(index, registry, repository + ":" + AttachmentTags.referrersTag(subject));
    }

    List<Digest> cosignDigests() {
        return List.of(signature, attestation, sbom);
    }
}
