package io.jenkins.plugins.imagestreams.registry.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzz target for the manifest and index bodies a registry hands the client. In the regular build it replays the seeds
 * under {@code src/test/resources/.../ManifestFuzzTestInputs/<method>/}; {@code JAZZER_FUZZ=1} fuzzes it.
 */
class ManifestFuzzTest {
    /** The first input byte picks one; the four real ones most often. */
    private static final List<String> MEDIA_TYPES = List.of(
            MediaTypes.OCI_INDEX,
            MediaTypes.OCI_MANIFEST,
            MediaTypes.DOCKER_MANIFEST_LIST,
            MediaTypes.DOCKER_MANIFEST,
            "",
            "application/json",
            "application/vnd.oci.image.index.v1+json; charset=utf-8");

    @FuzzTest(maxDuration = "5m")
    void manifestAccessorsThrowOnlyIllegalStateOnAnyBody(byte[] input) {
        if (input.length == 0) {
            return;
        }
        String mediaType = MEDIA_TYPES.get(Byte.toUnsignedInt(input[0]) % MEDIA_TYPES.size());
        byte[] body = Arrays.copyOfRange(input, 1, input.length);
        Manifest manifest = Manifest.of(mediaType, body);

        assertThat(manifest.size()).isEqualTo(body.length);
        assertThat(manifest.descriptor().size()).isEqualTo(body.length);
        assertThat(manifest.isIndex()).isEqualTo(MediaTypes.isIndex(mediaType));
        try {
            List<Descriptor> children = manifest.children();
            assertThat(children).allSatisfy(d -> assertThat(d.size()).isNotNegative());
            if (!manifest.isIndex()) {
                assertThat(children).isEmpty();
            }
        } catch (IllegalStateException expected) {
            assertThat(expected.getMessage()).contains(manifest.digest().toString());
        }
        try {
            List<Descriptor> blobs = manifest.blobs();
            if (manifest.isIndex()) {
                assertThat(blobs).isEmpty();
            }
            assertThat(blobs.size())
                    .isEqualTo(manifest.layers().size() + (manifest.config().isPresent() ? 1 : 0));
        } catch (IllegalStateException expected) {
            assertThat(expected.getMessage()).contains(manifest.digest().toString());
        }
    }
}
