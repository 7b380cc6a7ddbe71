package io.jenkins.plugins.imagestreams.signature;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz target for the payload parser, which reads what anyone who can push to a repository can write. In the regular
 * build it replays the seeds under {@code src/test/resources/.../SimpleSigningPayloadFuzzTestInputs/<method>/}; {@code
 * JAZZER_FUZZ=1} fuzzes it.
 */
class SimpleSigningPayloadFuzzTest {
    @FuzzTest(maxDuration = "5m")
    void parseThrowsOnlyInvalidPayloadAndWhatItReadsRoundTrips(byte[] input) {
        SimpleSigningPayload payload;
        try {
            payload = SimpleSigningPayload.parse(input);
        } catch (InvalidPayloadException e) {
            assertThat(e.getMessage()).isNotBlank().hasSizeLessThan(2000);
            return;
        }
        assertThat(payload.type()).isEqualTo(SimpleSigningPayload.TYPE);
        SimpleSigningPayload again = SimpleSigningPayload.parse(payload.toBytes());
        assertThat(again).isEqualTo(payload);
        assertThat(again.toBytes()).isEqualTo(payload.toBytes());
    }
}
