package io.jenkins.plugins.imagestreams.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class TestImagesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void sameContentGivesSameDigestAndDifferentContentDoesNot() throws Exception {
        OciLayout a = TestImages.image(tmp.newFolder().toPath(), "same");
        OciLayout b = TestImages.image(tmp.newFolder().toPath(), "same");
        OciLayout c = TestImages.image(tmp.newFolder().toPath(), "other");

        assertThat(a.digest()).isEqualTo(b.digest());
        assertThat(a.manifestBytes()).isEqualTo(b.manifestBytes());
        assertThat(c.digest()).isNotEqualTo(a.digest());
        assertThat(a.mediaType()).isEqualTo(OciLayout.OCI_MANIFEST);
    }

    @Test
    public void everyBlobIsStoredUnderItsOwnDigestAndLayoutFilesExist() throws Exception {
        OciLayout layout = TestImages.index(tmp.newFolder().toPath(), "blobs", "linux/amd64", "linux/arm64");

        assertThat(layout.dir().resolve("oci-layout")).hasContent("{\"imageLayoutVersion\":\"1.0.0\"}");
        JsonNode index = JSON.readTree(layout.dir().resolve("index.json").toFile());
        assertThat(index.path("manifests").get(0).path("digest").asText()).isEqualTo(layout.digest());
        try (Stream<Path> blobs = Files.list(layout.dir().resolve("blobs/sha256"))) {
            assertThat(blobs.toList()).hasSize(1 + 2 * 3).allSatisfy(blob -> assertThat(
                            Sha256.of(Files.readAllBytes(blob)))
                    .isEqualTo("sha256:" + blob.getFileName()));
        }
    }

    @Test
    public void configNamesPlatformAndDiffIdOfTheUncompressedLayer() throws Exception {
        OciLayout layout = TestImages.image(tmp.newFolder().toPath(), "diff ids");
        JsonNode manifest = JSON.readTree(layout.manifestBytes());
        Path layer = layout.blob(manifest.path("layers").get(0).path("digest").asText());
        JsonNode config = JSON.readTree(
                layout.blob(manifest.path("config").path("digest").asText()).toFile());

        byte[] tar = new java.util.zip.GZIPInputStream(Files.newInputStream(layer)).readAllBytes();

        assertThat(config.path("os").asText()).isEqualTo("linux");
        assertThat(config.path("architecture").asText()).isEqualTo("amd64");
        assertThat(config.path("rootfs").path("diff_ids").get(0).asText()).isEqualTo(Sha256.of(tar));
        assertThat(tar.length % 512).isZero();
    }

    @Test
    public void layerIsAValidTarThatSystemTarExtracts() throws Exception {
        OciLayout layout = TestImages.image(tmp.newFolder().toPath(), "hello from a tar");
        JsonNode manifest = JSON.readTree(layout.manifestBytes());
        Path layer = layout.blob(manifest.path("layers").get(0).path("digest").asText());

        Commands.Result listing = Commands.run(Duration.ofSeconds(10), List.of("tar", "-tvzf", layer.toString()))
                .orThrow();
        Commands.Result content = Commands.run(Duration.ofSeconds(10), List.of("tar", "-xzOf", layer.toString()))
                .orThrow();

        assertThat(listing.stdoutText()).contains("content.txt").contains("1970-01-01");
        assertThat(content.stdoutText()).isEqualTo("hello from a tar");
    }

    @Test
    public void indexHasOneSinglePlatformManifestPerPlatform() throws Exception {
        OciLayout a = TestImages.index(tmp.newFolder().toPath(), "multi", "linux/amd64", "linux/arm64", "linux/arm/v7");
        OciLayout b = TestImages.index(tmp.newFolder().toPath(), "multi", "linux/amd64", "linux/arm64", "linux/arm/v7");
        JsonNode index = JSON.readTree(a.manifestBytes());

        List<String> platforms = new ArrayList<>();
        for (JsonNode child : index.path("manifests")) {
            JsonNode platform = child.path("platform");
            platforms.add(platform.path("os").asText() + "/"
                    + platform.path("architecture").asText()
                    + (platform.has("variant") ? "/" + platform.path("variant").asText() : ""));
            assertThat(child.path("mediaType").asText()).isEqualTo(OciLayout.OCI_MANIFEST);
            assertThat(a.blob(child.path("digest").asText())).exists();
        }

        assertThat(a.isIndex()).isTrue();
        assertThat(a.digest()).isEqualTo(b.digest());
        assertThat(platforms).containsExactly("linux/amd64", "linux/arm64", "linux/arm/v7");
        assertThat(index.path("manifests").get(0).path("digest"))
                .isNotEqualTo(index.path("manifests").get(1).path("digest"));
    }

    @Test
    public void bigImageHasDeterministicLayersOfTheRequestedSize() throws Exception {
        OciLayout a = TestImages.image(tmp.newFolder().toPath(), "big", 3, 1_000_000);
        OciLayout b = TestImages.image(tmp.newFolder().toPath(), "big", 3, 1_000_000);
        JsonNode manifest = JSON.readTree(a.manifestBytes());

        assertThat(a.digest()).isEqualTo(b.digest());
        assertThat(manifest.path("layers")).hasSize(3);
        for (JsonNode layer : manifest.path("layers")) {
            // pseudo-random bytes do not compress: the gzip is at least as big as the content
            assertThat(layer.path("size").asLong()).isGreaterThan(1_000_000);
            assertThat(Files.size(a.blob(layer.path("digest").asText())))
                    .isEqualTo(layer.path("size").asLong());
        }
        assertThat(manifest.path("layers").get(0).path("digest"))
                .isNotEqualTo(manifest.path("layers").get(1).path("digest"));
    }

    @Test
    public void malformedPlatformIsRejectedWithTheExpectedForm() {
        assertThatThrownBy(() -> TestImages.index(tmp.getRoot().toPath(), "x", "amd64"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("os/architecture[/variant]");
    }
}
