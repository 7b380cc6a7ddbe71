package io.jenkins.plugins.imagestreams.registry.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.imagestreams.reference.Digest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.Test;

public class ReferrersIndexTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Digest D1 = Digest.parse("sha256:" + "1".repeat(64));
    private static final Digest D2 = Digest.parse("sha256:" + "2".repeat(64));
    private static final Referrer SBOM = new Referrer(
            MediaTypes.OCI_MANIFEST, D1, 500, Optional.of("application/spdx+json"), Map.of("created", "2024"));
    private static final Referrer SIGNATURE =
            new Referrer(MediaTypes.OCI_MANIFEST, D2, 600, Optional.of("application/vnd.example.sig"), Map.of());

    private static Manifest index(String json) {
        return Manifest.of(MediaTypes.OCI_INDEX, json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    public void listReadBackFromItsIndexHasEveryFieldTheSpecLists() {
        Manifest pushed =
                ReferrersIndex.EMPTY.withAdded(List.of(SBOM, SIGNATURE)).toManifest();

        assertThat(pushed.mediaType()).isEqualTo(MediaTypes.OCI_INDEX);
        assertThat(ReferrersIndex.parse(pushed).referrers()).containsExactly(SBOM, SIGNATURE);
        assertThat(pushed.children()).extracting(Descriptor::digest).containsExactly(D1, D2);
    }

    @Test
    public void addingKeepsWhatAnotherClientWroteAndAddsNoDuplicate() throws Exception {
        ReferrersIndex existing = ReferrersIndex.parse(index("{\"schemaVersion\":2,\"mediaType\":\""
                + MediaTypes.OCI_INDEX + "\",\"annotations\":{\"by\":\"oras\"},\"manifests\":[{\"mediaType\":\""
                + MediaTypes.OCI_MANIFEST + "\",\"digest\":\"" + D1 + "\",\"size\":500,\"artifactType\":"
                + "\"application/spdx+json\",\"data\":\"e30=\"}]}"));

        ReferrersIndex updated = existing.withAdded(List.of(SBOM, SIGNATURE, SIGNATURE));

        assertThat(updated.referrers()).extracting(Referrer::digest).containsExactly(D1, D2);
        JsonNode written = JSON.readTree(updated.toManifest().bytes());
        assertThat(written.path("annotations").path("by").asText()).isEqualTo("oras");
        assertThat(written.path("manifests").get(0).path("data").asText()).isEqualTo("e30=");
        assertThat(existing.referrers()).hasSize(1);
    }

    @Test
    public void addingOnlyWhatIsListedAlreadyChangesNothing() {
        ReferrersIndex listed = ReferrersIndex.EMPTY.withAdded(List.of(SBOM));

        assertThat(listed.withAdded(List.of(SBOM))).isSameAs(listed);
        assertThat(listed.lists(D1)).isTrue();
        assertThat(listed.lists(D2)).isFalse();
    }

    @Test
    public void somethingOtherThanAnOciIndexIsNoReferrersList() {
        Manifest manifest = Manifest.of(MediaTypes.OCI_MANIFEST, "{\"layers\":[]}".getBytes(StandardCharsets.UTF_8));
        Manifest dockerList =
                Manifest.of(MediaTypes.DOCKER_MANIFEST_LIST, "{\"manifests\":[]}".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> ReferrersIndex.parse(manifest))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(manifest.digest().toString())
                .hasMessageContaining(MediaTypes.OCI_INDEX);
        assertThatThrownBy(() -> ReferrersIndex.parse(dockerList)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReferrersIndex.parse(index("{\"manifests\":[{\"digest\":\"sha256:12\"}]}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a valid image index");
    }

    @Test
    public void referrersTagFollowsTheSchemaForBothAlgorithms() {
        assertThat(AttachmentTags.referrersTag(D1)).isEqualTo("sha256-" + "1".repeat(64));
        assertThat(AttachmentTags.SIGNATURE.tagFor(D1)).isEqualTo("sha256-" + "1".repeat(64) + ".sig");
        Digest sha512 = Digest.parse("sha512:" + "ab".repeat(64));
        assertThat(AttachmentTags.referrersTag(sha512)).isEqualTo("sha512-" + "ab".repeat(32));
    }
}
