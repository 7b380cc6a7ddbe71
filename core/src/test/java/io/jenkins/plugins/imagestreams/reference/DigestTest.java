package io.jenkins.plugins.imagestreams.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.Test;

public class DigestTest {
    @Test
    public void parsesSha256AndSha512() {
        Digest d = Digest.parse("sha256:" + "a".repeat(64));
        assertThat(d.algorithm()).isEqualTo("sha256");
        assertThat(d.hex()).hasSize(64);
        assertThat(d.shortForm()).isEqualTo("sha256:aaaaaaaaaaaa");
        assertThat(Digest.parse("sha512:" + "b".repeat(128)).algorithm()).isEqualTo("sha512");
    }

    @Test
    public void rejectsWrongLengthCaseAlgorithmAndShape() {
        String[] invalid = {
            null,
            "",
            "sha256",
            "sha256:",
            "sha256:" + "a".repeat(63),
            "sha256:" + "a".repeat(65),
            "sha256:" + "A".repeat(64),
            "sha256:" + "g".repeat(64),
            "sha256:" + "a".repeat(63) + "/",
            "sha256:" + "a".repeat(63) + ":",
            "sha256:" + "a".repeat(63) + "`",
            "md5:" + "a".repeat(32),
            "SHA256:" + "a".repeat(64),
            "sha512:" + "a".repeat(64),
            ":" + "a".repeat(64),
        };
        for (String text : invalid) {
            assertThatThrownBy(() -> Digest.parse(text)).as("%s", text).isInstanceOf(InvalidReferenceException.class);
            assertThat(Digest.isDigest(text)).as("%s", text).isFalse();
        }
    }

    @Test
    public void sha256OfContentMatchesKnownValueAndVerifies() {
        byte[] content = "hello".getBytes(StandardCharsets.UTF_8);
        Digest d = Digest.sha256(content);
        assertThat(d.toString()).isEqualTo("sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
        assertThat(d.matches(content)).isTrue();
        assertThat(d.matches("hellO".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(Digest.parse(d.toString())).isEqualTo(d).hasSameHashCodeAs(d);
    }
}
