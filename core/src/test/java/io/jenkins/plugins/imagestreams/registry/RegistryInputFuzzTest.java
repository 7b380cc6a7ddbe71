package io.jenkins.plugins.imagestreams.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.jenkins.plugins.imagestreams.registry.model.Descriptor;
import io.jenkins.plugins.imagestreams.registry.model.Manifest;
import io.jenkins.plugins.imagestreams.registry.model.MediaTypes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzz targets for what a registry or a config file hands the client: {@code WWW-Authenticate} challenges, manifest
 * and index bodies, Docker auth files. In the regular build they replay the seeds under
 * {@code src/test/resources/.../RegistryInputFuzzTestInputs/<method>/}; {@code JAZZER_FUZZ=1} fuzzes one of them.
 */
class RegistryInputFuzzTest {
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
    void challengeParserNeverThrowsAndKeepsWhatItReturnsWellFormed(byte[] input) {
        String header = new String(input, StandardCharsets.ISO_8859_1);
        List<String> values = Arrays.asList(header.split("\n", 4));

        List<Challenge> challenges = Challenge.parseAll(values);

        assertThat(challenges.size()).isLessThanOrEqualTo(header.length());
        for (Challenge challenge : challenges) {
            assertThat(challenge.scheme()).isNotEmpty().isLowerCase().doesNotContain(" ", ",", "=", "\"");
            assertThat(challenge.params().keySet())
                    .allSatisfy(name -> assertThat(name).isNotEmpty().isLowerCase());
            assertThat(challenge.scopes())
                    .allSatisfy(scope -> assertThat(scope).isNotEmpty().doesNotContain(" ", "\t"));
        }
    }

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

    /** {@link DockerConfigCredentials#read} is this parse of the file's bytes, with IOException made unchecked. */
    @FuzzTest(maxDuration = "5m")
    void dockerConfigReaderThrowsOnlyIoExceptionAndNeverShowsSecrets(byte[] input) {
        DockerConfigCredentials credentials;
        try {
            credentials = DockerConfigCredentials.parse(input);
        } catch (IOException e) {
            assertThat(e.getMessage()).isNotNull();
            return;
        }
        for (String registry : List.of("docker.io", "localhost:5000", "https://index.docker.io/v1/", "")) {
            credentials.forRegistry(registry).ifPresent(c -> assertThat(c.toString())
                    .endsWith(", secret=****]"));
        }
        assertThat(credentials.toString()).startsWith("DockerConfigCredentials[");
    }
}
