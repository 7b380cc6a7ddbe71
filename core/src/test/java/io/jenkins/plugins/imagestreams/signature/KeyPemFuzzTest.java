package io.jenkins.plugins.imagestreams.signature;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Fuzz targets for the PEM key parsers: whatever a key file holds, they return keys or throw {@link KeyException}. In
 * the regular build they replay the seeds under {@code src/test/resources/.../KeyPemFuzzTestInputs/<method>/}; {@code
 * JAZZER_FUZZ=1} fuzzes one of them. The encrypted seeds' passphrase is {@value #PASSPHRASE}.
 */
class KeyPemFuzzTest {
    static final String PASSPHRASE = "fuzz-seed";

    private static final byte[] MESSAGE = "fuzz".getBytes(StandardCharsets.US_ASCII);

    @FuzzTest(maxDuration = "5m")
    void publicKeyParsingThrowsOnlyKeyException(byte[] input) {
        List<VerificationKey> keys;
        try {
            keys = VerificationKey.parseAll(new String(input, StandardCharsets.ISO_8859_1));
        } catch (KeyException e) {
            assertThat(e.getMessage()).isNotBlank().hasSizeLessThan(2000);
            return;
        }
        assertThat(keys).isNotEmpty();
        for (VerificationKey key : keys) {
            assertThat(key.id()).matches("SHA256:[0-9a-f]{16}");
            assertThat(key.verifies(MESSAGE, input)).isFalse();
        }
    }

    @FuzzTest(maxDuration = "5m")
    void privateKeyParsingThrowsOnlyKeyException(byte[] input) {
        SigningKey key;
        try {
            key = SigningKey.parse(input, PASSPHRASE.toCharArray());
        } catch (KeyException e) {
            assertThat(e.getMessage()).isNotBlank().hasSizeLessThan(2000).doesNotContain(PASSPHRASE);
            return;
        }
        assertThat(key.verificationKey().verifies(MESSAGE, key.sign(MESSAGE))).isTrue();
        assertThat(key.toString()).doesNotContain("BEGIN");
    }
}
