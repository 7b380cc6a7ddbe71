package io.jenkins.plugins.imagestreams.registry.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagestreams.reference.Digest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.Test;

public class ManifestTest {
    private static final String D1 = "sha256:" + "1".repeat(64);
    private static final String D2 = "sha256:" + "2".repeat(64);
    private static final String D3 = "sha256:" + "3".repeat(64);

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    public void indexListsChildrenWithPlatforms() {
        Manifest index = Manifest.of(
                MediaTypes.OCI_INDEX,
                utf8("{\"schemaVersion\":2,\"manifests\":["
                        + "{\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"digest\":\"" + D1
                        + "\",\"size\":401,\"platform\":{\"os\":\"linux\",\"architecture\":\"amd64\"}},"
                        + "{\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"digest\":\"" + D2
                        + "\",\"size\":402,\"platform\":{\"os\":\"linux\",\"architecture\":\"arm64\","
                        + "\"variant\":\"v8\"}},"
                        + "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + D3
                        + "\",\"size\":3}]}"));
        assertThat(index.isIndex()).isTrue();
        assertThat(index.children())
                .containsExactly(
                        new Descriptor(
                                MediaTypes.OCI_MANIFEST,
                                Digest.parse(D1),
                                401,
                                Optional.of(Platform.parse("linux/amd64"))),
                        new Descriptor(
                                MediaTypes.OCI_MANIFEST,
                                Digest.parse(D2),
                                402,
                                Optional.of(Platform.parse("linux/arm64/v8"))),
                        new Descriptor(MediaTypes.OCI_MANIFEST, Digest.parse(D3), 3, Optional.empty()));
        assertThat(index.layers()).isEmpty();
        assertThat(index.config()).isEmpty();
    }

    @Test
    public void singleManifestListsConfigThenLayersAsBlobs() {
        Manifest manifest = Manifest.of(
                MediaTypes.DOCKER_MANIFEST,
                utf8("{\n  \"schemaVersion\": 2,\n  \"config\": {\"mediaType\": \"c\", \"digest\": \"" + D1
                        + "\", \"size\": 10},\n  \"layers\": [{\"mediaType\": \"l\", \"digest\": \"" + D2
                        + "\", \"size\": 20}]\n}\n"));
        assertThat(manifest.isIndex()).isFalse();
        assertThat(manifest.children()).isEmpty();
        assertThat(manifest.blobs())
                .containsExactly(new Descriptor("c", Digest.parse(D1), 10), new Descriptor("l", Digest.parse(D2), 20));
    }

    @Test
    public void bytesAreKeptVerbatimAndCopied() {
        byte[] raw = utf8("{ \"schemaVersion\" : 2 ,\"layers\":[] }");
        Manifest manifest = Manifest.of(MediaTypes.OCI_MANIFEST, raw);
        raw[0] = 'X';
        byte[] out = manifest.bytes();
        out[1] = 'Y';
        assertThat(manifest.bytes()).isEqualTo(utf8("{ \"schemaVersion\" : 2 ,\"layers\":[] }"));
        assertThat(manifest.digest()).isEqualTo(Digest.sha256(manifest.bytes()));
        assertThat(manifest.descriptor().size()).isEqualTo(manifest.size());
    }

    @Test
    public void digestMustMatchTheBytes() {
        assertThatThrownBy(() -> new Manifest(Digest.parse(D1), MediaTypes.OCI_MANIFEST, utf8("{}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(D1);
    }

    @Test
    public void invalidJsonIsReportedByTheHelpers() {
        Manifest broken = Manifest.of(MediaTypes.OCI_MANIFEST, utf8("not json"));
        assertThatThrownBy(broken::layers)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not valid JSON");
    }

    @Test
    public void platformParsesAndPrintsTheSameForm() {
        assertThat(Platform.parse("linux/arm64/v8")).isEqualTo(new Platform("linux", "arm64", "v8"));
        assertThat(Platform.parse("linux/amd64").variant()).isNull();
        assertThat(Platform.parse("linux/arm64/v8").toString()).isEqualTo("linux/arm64/v8");
        assertThat(Platform.parse("windows/amd64").toString()).isEqualTo("windows/amd64");
        assertThatThrownBy(() -> Platform.parse("linux")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Platform.parse("linux//v8")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Platform.parse("a/b/c/d")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    public void artifactManifestNamesItsSubjectArtifactTypeAndAnnotations() {
        Manifest sbom = Manifest.of(
                MediaTypes.OCI_MANIFEST,
                utf8("{\"schemaVersion\":2,\"artifactType\":\"application/spdx+json\","
                        + "\"config\":{\"mediaType\":\"application/vnd.oci.empty.v1+json\",\"digest\":\"" + D1
                        + "\",\"size\":2},\"layers\":[],"
                        + "\"subject\":{\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"digest\":\"" + D2
                        + "\",\"size\":7},"
                        + "\"annotations\":{\"b\":\"2\",\"a\":\"1\",\"n\":3}}"));

        assertThat(sbom.subject()).contains(new Descriptor(MediaTypes.OCI_MANIFEST, Digest.parse(D2), 7));
        assertThat(sbom.artifactType()).contains("application/spdx+json");
        assertThat(sbom.annotations()).containsExactly(Map.entry("b", "2"), Map.entry("a", "1"));
        assertThat(Referrer.of(sbom))
                .isEqualTo(new Referrer(
                        MediaTypes.OCI_MANIFEST,
                        sbom.digest(),
                        sbom.size(),
                        Optional.of("application/spdx+json"),
                        Map.of("a", "1", "b", "2")));
    }

    @Test
    public void referrerWithoutArtifactTypeTakesItsConfigMediaTypeAsTheSpecSays() {
        Manifest signature = Manifest.of(
                MediaTypes.OCI_MANIFEST,
                utf8("{\"schemaVersion\":2,\"config\":{\"mediaType\":\"application/vnd.example.sig\"," + "\"digest\":\""
                        + D1 + "\",\"size\":2},\"layers\":[]}"));

        assertThat(signature.subject()).isEmpty();
        assertThat(signature.artifactType()).isEmpty();
        assertThat(signature.annotations()).isEmpty();
        assertThat(Referrer.of(signature).artifactType()).contains("application/vnd.example.sig");
    }
}
