package io.jenkins.plugins.imagestreams.reference;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzz targets for the reference grammar. In the regular build they replay the seeds under
 * {@code src/test/resources/.../ReferenceFuzzTestInputs/<method>/}; {@code JAZZER_FUZZ=1} fuzzes one of them.
 */
class ReferenceFuzzTest {
    @FuzzTest(maxDuration = "5m")
    void imageReferenceParseThrowsOnlyInvalidReferenceAndRoundTrips(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        ImageReference parsed;
        try {
            parsed = ImageReference.parse(text);
        } catch (InvalidReferenceException e) {
            assertThat(e.getMessage()).isNotBlank().hasSizeLessThan(1000);
            return;
        }
        ImageReference again = ImageReference.parse(parsed.toString());
        assertThat(again).isEqualTo(parsed);
        assertThat(again.toString()).isEqualTo(parsed.toString());
        assertThat(parsed.hashCode()).isEqualTo(again.hashCode());
        assertThat(parsed.tag().isPresent() || parsed.digest().isPresent()).isTrue();
        assertThat(parsed.identifier()).isNotEmpty();
        assertThat(parsed.host()).isNotEmpty();
        parsed.isLoopback();
        assertThat(ImageReference.parse(parsed.name() + "@" + Digest.sha256(input))
                        .digest())
                .contains(Digest.sha256(input));
    }

    @FuzzTest(maxDuration = "5m")
    void digestParseThrowsOnlyInvalidReferenceAndRoundTrips(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        Digest parsed;
        try {
            parsed = Digest.parse(text);
        } catch (InvalidReferenceException e) {
            assertThat(e.getMessage()).isNotBlank().hasSizeLessThan(1000);
            assertThat(Digest.isDigest(text)).isFalse();
            return;
        }
        assertThat(parsed.toString()).isEqualTo(text);
        assertThat(Digest.parse(parsed.toString())).isEqualTo(parsed);
        assertThat(parsed.shortForm()).hasSize(parsed.algorithm().length() + 13);
        assertThat(parsed.matches(input)).isEqualTo(parsed.equals(Digest.sha256(input)));
    }
}
