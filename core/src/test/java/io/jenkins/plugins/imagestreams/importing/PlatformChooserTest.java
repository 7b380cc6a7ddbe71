package io.jenkins.plugins.imagestreams.importing;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.registry.model.Descriptor;
import io.jenkins.plugins.imagestreams.registry.model.Manifest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.Test;

public class PlatformChooserTest {
    private static Digest digest(String platform) {
        return Digest.sha256(platform.getBytes(StandardCharsets.UTF_8));
    }

    private static Manifest index(String... platforms) {
        String manifests = List.of(platforms).stream()
                .map(p -> {
                    String[] parts = p.split("/");
                    return "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + digest(p)
                            + "\",\"size\":100,\"platform\":{\"os\":\"" + parts[0] + "\",\"architecture\":\""
                            + parts[1] + "\"}}";
                })
                .collect(Collectors.joining(","));
        String json = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":["
                + manifests + "]}";
        return Manifest.of("application/vnd.oci.image.index.v1+json", json.getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<Digest> choose(Manifest index, String arch, String os) {
        return PlatformChooser.choose(index, Optional.ofNullable(arch), Optional.ofNullable(os))
                .map(Descriptor::digest);
    }

    @Test
    public void linuxAmd64IsTheDefault() {
        assertThat(choose(index("linux/arm64", "linux/amd64"), null, null)).contains(digest("linux/amd64"));
    }

    @Test
    public void preferredArchitectureAndOsWin() {
        Manifest index = index("linux/amd64", "linux/arm64", "windows/amd64");
        assertThat(choose(index, "arm64", null)).contains(digest("linux/arm64"));
        assertThat(choose(index, null, "windows")).contains(digest("windows/amd64"));
        assertThat(choose(index, "s390x", null)).as("unavailable preference").contains(digest("linux/amd64"));
    }

    @Test
    public void attestationEntriesAreNeverChosen() {
        assertThat(choose(index("unknown/unknown", "linux/arm64"), null, null)).contains(digest("linux/arm64"));
        assertThat(choose(index("unknown/unknown"), null, null)).isEmpty();
    }

    @Test
    public void repositoryImportOrderFollowsOpenShiftPriorities() {
        assertThat(TagPriority.order(List.of("nightly", "1.2.3", "v1.10", "1.9", "latest", "2.0-rc1", "1.10.1", "abc")))
                .containsExactly("latest", "2.0-rc1", "v1.10", "1.9", "1.10.1", "1.2.3", "abc", "nightly");
    }

    @Test
    public void repositoryImportOrderTiesAndOddVersions() {
        // equal versions by name; a release before its pre-releases; a tag listed twice once; a version with build
        // metadata is in no group of versions, so it comes last, yet before names that are no version (01.2)
        assertThat(TagPriority.order(List.of(
                        "v1.2", "1.2", "2.0-rc1", "2.0", "2.0-rc2", "1.2", "1.2.3+build", "01.2", "v2.0.0", "2.0.0")))
                .containsExactly("2.0", "2.0-rc2", "2.0-rc1", "1.2", "v1.2", "2.0.0", "v2.0.0", "1.2.3+build", "01.2");
    }
}
