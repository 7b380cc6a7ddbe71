package io.jenkins.plugins.imagestreams.signature;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagestreams.testing.OpenSsl;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signatures cross between openssl and this package in both directions, for every key algorithm cosign uses. */
class OpenSslInteropTest {
    private static final byte[] PAYLOAD =
            ("{\"critical\":{\"identity\":{\"docker-reference\":\"127.0.0.1:5000/demo/app\"},"
                            + "\"image\":{\"docker-manifest-digest\":\"sha256:"
                            + "4c1c50d0ffc614f90b93b07d778028dc765548e823f676fb027f61d281ac380d\"},"
                            + "\"type\":\"cosign container image signature\"},\"optional\":null}")
                    .getBytes(StandardCharsets.UTF_8);
    private static final byte[] OTHER = "{\"critical\":{}}".getBytes(StandardCharsets.UTF_8);

    @TempDir
    static Path dir;

    private static OpenSsl openssl;
    private static Path p256;
    private static Path p384;
    private static Path rsa;
    private static Path ed25519;

    @BeforeAll
    static void keys() {
        openssl = new OpenSsl(dir);
        p256 = openssl.ecKey("P-256");
        p384 = openssl.ecKey("P-384");
        rsa = openssl.rsaKey(2048);
        ed25519 = openssl.ed25519Key();
    }

    private static VerificationKey publicKey(Path key) {
        return VerificationKey.parse(openssl.text(openssl.publicKey(key)));
    }

    private static SigningKey signingKey(Path key) {
        return SigningKey.parse(openssl.read(key), null);
    }

    @Test
    void opensslSha256SignaturesVerifyOverTheirPayloadOnlyAndWithTheirKeyOnly() {
        for (Path key : new Path[] {p256, p384, rsa}) {
            byte[] signature = openssl.sign(key, PAYLOAD);

            assertThat(publicKey(key).verifies(PAYLOAD, signature))
                    .as("%s", key)
                    .isTrue();
            assertThat(publicKey(key).verifies(OTHER, signature))
                    .as("%s over other bytes", key)
                    .isFalse();
            assertThat(publicKey(p256 == key ? p384 : p256).verifies(PAYLOAD, signature))
                    .as("%s under another key", key)
                    .isFalse();
        }
    }

    @Test
    void opensslEd25519SignaturesOverTheRawPayloadVerify() {
        byte[] signature = openssl.signRaw(ed25519, PAYLOAD);

        assertThat(publicKey(ed25519).verifies(PAYLOAD, signature)).isTrue();
        assertThat(publicKey(ed25519).verifies(OTHER, signature)).isFalse();
        assertThat(publicKey(openssl.ed25519Key()).verifies(PAYLOAD, signature)).isFalse();
    }

    @Test
    void p384SignaturesWithSha384AndRsaPssSignaturesOfEitherSaltLengthVerify() {
        assertThat(publicKey(p384).verifies(PAYLOAD, openssl.signWith("sha384", p384, PAYLOAD)))
                .isTrue();
        assertThat(publicKey(p256).verifies(PAYLOAD, openssl.signWith("sha384", p256, PAYLOAD)))
                .as("P-256 is verified with SHA-256 only")
                .isFalse();
        for (String salt : new String[] {"digest", "max"}) {
            byte[] pss =
                    openssl.sign(rsa, PAYLOAD, "-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:" + salt);

            assertThat(publicKey(rsa).verifies(PAYLOAD, pss))
                    .as("PSS salt %s", salt)
                    .isTrue();
        }
    }

    @Test
    void ourSignaturesVerifyWithOpensslUnderTheRightKeyAndFailUnderAnother() {
        for (Path key : new Path[] {p256, p384, rsa}) {
            byte[] signature = signingKey(key).sign(PAYLOAD);

            assertThat(openssl.verifies(openssl.publicKey(key), PAYLOAD, signature))
                    .as("%s", key)
                    .isTrue();
            assertThat(openssl.verifies(openssl.publicKey(key), OTHER, signature))
                    .isFalse();
            assertThat(openssl.verifies(openssl.publicKey(key == rsa ? p256 : rsa), PAYLOAD, signature))
                    .isFalse();
        }
        byte[] signature = signingKey(ed25519).sign(PAYLOAD);
        assertThat(openssl.verifiesRaw(openssl.publicKey(ed25519), PAYLOAD, signature))
                .isTrue();
        assertThat(openssl.verifiesRaw(openssl.publicKey(openssl.ed25519Key()), PAYLOAD, signature))
                .isFalse();
    }

    @Test
    void malformedSignaturesDoNotVerify() {
        VerificationKey key = publicKey(p256);

        assertThat(key.verifies(PAYLOAD, new byte[0])).isFalse();
        assertThat(key.verifies(PAYLOAD, new byte[] {0x30, 0x02, 0x02, 0x00})).isFalse();
        assertThat(publicKey(rsa).verifies(PAYLOAD, new byte[7])).isFalse();
        assertThat(publicKey(ed25519).verifies(PAYLOAD, new byte[64])).isFalse();
    }
}
