package io.jenkins.plugins.imagestreams.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class TestAttachmentsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ClassRule
    public static final RegistryFixture REGISTRY = RegistryFixture.plain();

    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void attachmentsPushByteForByteUnderTheTagsCosignAndTheReferrersTagSchemaUse() throws Exception {
        OciLayout image = TestImages.image(tmp.newFolder().toPath(), "signed");
        String hex = Sha256.hex(Skopeo.push(image, REGISTRY, "ta/app:1"));
        OciLayout signature =
                TestAttachments.cosign(tmp.newFolder().toPath(), TestAttachments.SIMPLE_SIGNING, "signed " + hex);
        OciLayout sbom = TestAttachments.referrer(
                tmp.newFolder().toPath(), TestAttachments.Subject.of(image), "application/spdx+json", "{}");
        OciLayout referrers = TestAttachments.referrersIndex(tmp.newFolder().toPath(), sbom);

        assertThat(Skopeo.push(signature, REGISTRY, "ta/app:sha256-" + hex + ".sig"))
                .isEqualTo(signature.digest());
        assertThat(Skopeo.push(sbom, REGISTRY, "ta/app@" + sbom.digest())).isEqualTo(sbom.digest());
        assertThat(RawManifestPush.put(referrers, REGISTRY, "ta/app:sha256-" + hex))
                .isEqualTo(referrers.digest());
        assertThat(Skopeo.rawManifest(REGISTRY, "ta/app:sha256-" + hex)).isEqualTo(referrers.manifestBytes());

        JsonNode manifest = JSON.readTree(Skopeo.rawManifest(REGISTRY, "ta/app@" + sbom.digest()));
        assertThat(manifest.path("subject").path("digest").asText()).isEqualTo(image.digest());
        assertThat(manifest.path("artifactType").asText()).isEqualTo("application/spdx+json");
        assertThat(manifest.path("config").path("mediaType").asText()).isEqualTo(TestAttachments.EMPTY_CONFIG);
        JsonNode entry =
                JSON.readTree(referrers.manifestBytes()).path("manifests").get(0);
        assertThat(entry.path("digest").asText()).isEqualTo(sbom.digest());
        assertThat(entry.path("artifactType").asText()).isEqualTo("application/spdx+json");
        assertThat(entry.path("annotations")
                        .path("org.opencontainers.image.created")
                        .asText())
                .isNotEmpty();
    }
}
