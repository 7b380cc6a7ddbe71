package io.jenkins.plugins.imagestreams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.registry.model.AttachmentTags;
import io.jenkins.plugins.imagestreams.testing.OciLayout;
import io.jenkins.plugins.imagestreams.testing.RawManifestPush;
import io.jenkins.plugins.imagestreams.testing.RegistryFixture;
import io.jenkins.plugins.imagestreams.testing.Skopeo;
import io.jenkins.plugins.imagestreams.testing.TestAttachments;
import io.jenkins.plugins.imagestreams.testing.TestImages;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** {@code copy} and {@code promote} carry an image's signature and referrers, and say so, unless told not to. */
public class CopyAttachmentsTest {
    @ClassRule
    public static final RegistryFixture REGISTRY = RegistryFixture.plain();

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Cli cli;
    private String base;

    @Before
    public void setUp() throws Exception {
        cli = new Cli(tmp.newFolder("store").toPath());
        base = REGISTRY.host();
    }

    private Cli.Result ok(String... args) {
        Cli.Result result = cli.run(args);
        assertThat(result.exit()).as(String.join(" ", args) + "\n" + result).isZero();
        return result;
    }

    /** Pushes an image to {@code repository:1} with a cosign signature and an SBOM referrer listed by its tag. */
    private Signed pushSigned(String repository) throws Exception {
        OciLayout image = TestImages.image(tmp.newFolder().toPath(), "signed " + repository);
        Digest digest = Digest.parse(Skopeo.push(image, REGISTRY, repository + ":1"));
        OciLayout signature = TestAttachments.cosign(
                tmp.newFolder().toPath(), TestAttachments.SIMPLE_SIGNING, "signature of " + digest);
        Skopeo.push(signature, REGISTRY, repository + ":" + AttachmentTags.SIGNATURE.tagFor(digest));
        OciLayout sbom = TestAttachments.referrer(
                tmp.newFolder().toPath(), TestAttachments.Subject.of(image), "application/spdx+json", "{}");
        Skopeo.push(sbom, REGISTRY, repository + "@" + sbom.digest());
        RawManifestPush.put(
                TestAttachments.referrersIndex(tmp.newFolder().toPath(), sbom),
                REGISTRY,
                repository + ":" + AttachmentTags.referrersTag(digest));
        return new Signed(digest, Digest.parse(signature.digest()), Digest.parse(sbom.digest()));
    }

    private record Signed(Digest image, Digest signature, Digest sbom) {
        String signatureTag() {
            return AttachmentTags.SIGNATURE.tagFor(image);
        }
    }

    @Test
    public void copySaysWhatWasCarriedInTextAndJson() throws Exception {
        Signed signed = pushSigned("demo/signed");

        Cli.Result text = ok("copy", base + "/demo/signed:1", base + "/mirror/signed:1");
        JsonNode json = ok("copy", base + "/demo/signed:1", base + "/mirror/signed:2", "-o", "json")
                .json();

        assertThat(text.out())
                .contains("carried signature " + signed.signature().shortForm() + " (tag " + signed.signatureTag())
                .contains("carried referrer " + signed.sbom().shortForm() + " (artifactType application/spdx+json");
        assertThat(json.path("digest").asText()).isEqualTo(signed.image().toString());
        assertThat(json.path("carried")).hasSize(2);
        assertThat(json.path("carried").get(0).path("kind").asText()).isEqualTo("SIGNATURE");
        assertThat(json.path("carried").get(0).path("tag").asText()).isEqualTo(signed.signatureTag());
        assertThat(json.path("carried").get(1).path("kind").asText()).isEqualTo("REFERRER");
        assertThat(json.path("carried").get(1).path("digest").asText())
                .isEqualTo(signed.sbom().toString());
        assertThat(json.path("carried").get(1).path("subject").asText())
                .isEqualTo(signed.image().toString());
        assertThat(ok("digest", base + "/mirror/signed:" + signed.signatureTag())
                        .out()
                        .trim())
                .isEqualTo(signed.signature().toString());
    }

    @Test
    public void noAttachmentsCopiesAndPromotesTheImageAlone() throws Exception {
        Signed signed = pushSigned("demo/alone");

        Cli.Result copied = ok("copy", base + "/demo/alone:1", base + "/mirror/alone:1", "--no-attachments");
        ok("import-image", "app-dev/alone:latest", "--from", base + "/demo/alone:1");
        ok(
                "promote",
                "app-dev/alone:latest",
                "--to",
                "app-prod/alone:latest",
                "--copy-to",
                base + "/prod/alone",
                "--no-attachments");
        ok("promote", "app-dev/alone:latest", "--to", "app-qa/alone:latest", "--copy-to", base + "/qa/alone");

        assertThat(copied.out()).contains(signed.image().toString()).doesNotContain("carried");
        assertThat(cli.run("digest", base + "/mirror/alone:" + signed.signatureTag())
                        .exit())
                .isEqualTo(Main.FAILURE);
        assertThat(cli.run("digest", base + "/prod/alone:" + signed.signatureTag())
                        .exit())
                .isEqualTo(Main.FAILURE);
        assertThat(ok("digest", base + "/qa/alone:" + signed.signatureTag())
                        .out()
                        .trim())
                .isEqualTo(signed.signature().toString());
    }

    @Test
    public void helpOfCopyAndPromoteExplainsNoAttachments() {
        assertThat(Cli.runRaw("copy", "--help").out())
                .contains("--no-attachments")
                .contains("cosign signatures, attestations and")
                .contains("Copy the image alone");
        assertThat(Cli.runRaw("promote", "--help").out()).contains("--no-attachments");
    }
}
