package io.jenkins.plugins.imagestreams.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagestreams.testing.OpenSsl;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeyTest {
    private static final char[] NONE = null;

    @TempDir
    static Path dir;

    private static OpenSsl openssl;
    private static Path ec;
    private static Path rsa;

    @BeforeAll
    static void keys() {
        openssl = new OpenSsl(dir);
        ec = openssl.ecKey("P-256");
        rsa = openssl.rsaKey(2048);
    }

    @Test
    void everySupportedPkcs8KeyIsReadAndKnowsTheIdOfItsPublicKey() {
        assertKey(ec, KeyAlgorithm.ECDSA_P256);
        assertKey(openssl.ecKey("P-384"), KeyAlgorithm.ECDSA_P384);
        assertKey(rsa, KeyAlgorithm.RSA);
        assertKey(openssl.ed25519Key(), KeyAlgorithm.ED25519);
    }

    private static void assertKey(Path file, KeyAlgorithm algorithm) {
        SigningKey key = SigningKey.parse(openssl.read(file), NONE);

        VerificationKey publicKey = VerificationKey.parse(openssl.text(openssl.publicKey(file)));
        assertThat(key.algorithm()).isEqualTo(algorithm);
        assertThat(key.verificationKey()).isEqualTo(publicKey);
        assertThat(key.id()).isEqualTo(publicKey.id());
    }

    @Test
    void encryptedPkcs8KeysOfEveryAlgorithmAreDecryptedWithTheirPassphrase() {
        for (Path key : new Path[] {ec, rsa, openssl.ed25519Key(), openssl.ecKey("P-384")}) {
            Path encrypted = openssl.encrypted(key, "correct horse");

            SigningKey decrypted = SigningKey.parse(openssl.read(encrypted), "correct horse".toCharArray());

            assertThat(openssl.text(encrypted)).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
            assertThat(decrypted.id())
                    .isEqualTo(SigningKey.parse(openssl.read(key), NONE).id());
        }
    }

    @Test
    void aKeyFromGenpkeyWithAes256IsRead() {
        Path key = dir.resolve("genpkey-aes256.pem");
        openssl.run(
                "genpkey",
                "-algorithm",
                "EC",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
                "-aes256",
                "-pass",
                "pass:s3cret",
                "-out",
                key.toString());

        assertThat(SigningKey.parse(openssl.read(key), "s3cret".toCharArray()).algorithm())
                .isEqualTo(KeyAlgorithm.ECDSA_P256);
    }

    @Test
    void aWrongOrMissingPassphraseIsRefusedWithoutSayingMore() {
        byte[] encrypted = openssl.read(openssl.encrypted(ec, "right"));

        assertThatThrownBy(() -> SigningKey.parse(encrypted, "wrong".toCharArray()))
                .isInstanceOf(KeyException.class)
                .hasMessage("PEM block 1 ('ENCRYPTED PRIVATE KEY') cannot be decrypted: the passphrase is wrong or"
                        + " the key is damaged");
        assertThatThrownBy(() -> SigningKey.parse(encrypted, NONE))
                .isInstanceOf(KeyException.class)
                .hasMessage("PEM block 1 ('ENCRYPTED PRIVATE KEY') is encrypted; give its passphrase");
        assertThatThrownBy(() -> SigningKey.parse(encrypted, new char[0]))
                .hasMessageEndingWith("is encrypted; give its passphrase");
    }

    @Test
    void pbes1EncryptionIsRefusedWithTheCommandThatReEncryptsIt() {
        byte[] v1 = openssl.read(openssl.encrypted(ec, "pw", "-v1", "PBE-SHA1-3DES"));

        assertThatThrownBy(() -> SigningKey.parse(v1, "pw".toCharArray()))
                .isInstanceOf(KeyException.class)
                .hasMessageContaining("not PBES2; write it again with 'openssl pkcs8 -topk8 -v2 aes-256-cbc");
    }

    @Test
    void traditionalKeyFormatsAreRefusedWithTheOpensslCommandThatConvertsThem() {
        String toPkcs8 =
                "convert it to PKCS#8 with 'openssl pkcs8 -topk8 -v2 aes-256-cbc -in key.pem -out" + " key-pkcs8.pem'";

        assertThatThrownBy(() -> SigningKey.parse(openssl.read(openssl.sec1(ec)), NONE))
                .isInstanceOf(KeyException.class)
                .hasMessageStartingWith("PEM block 1 ('EC PRIVATE KEY') is a SEC1 EC key; " + toPkcs8);
        assertThatThrownBy(() -> SigningKey.parse(openssl.read(openssl.pkcs1(rsa)), NONE))
                .isInstanceOf(KeyException.class)
                .hasMessageStartingWith("PEM block 1 ('RSA PRIVATE KEY') is a PKCS#1 RSA key; " + toPkcs8);
        assertThatThrownBy(() -> SigningKey.parse(
                        openssl.read(openssl.pkcs1(rsa, "-aes256", "-passout", "pass:pw")), "pw".toCharArray()))
                .hasMessageStartingWith("PEM block 1 ('RSA PRIVATE KEY') is a PKCS#1 RSA key; " + toPkcs8);
    }

    @Test
    void aCosignKeyPublicKeyOrCertificateIsRefusedSayingWhatSigningNeeds() {
        byte[] cosign = ("-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\neyJrZGYiOnt9fQ==\n"
                        + "-----END ENCRYPTED SIGSTORE PRIVATE KEY-----\n")
                .getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> SigningKey.parse(cosign, "pw".toCharArray()))
                .isInstanceOf(KeyException.class)
                .hasMessageStartingWith("PEM block 1 ('ENCRYPTED SIGSTORE PRIVATE KEY') is a cosign-encrypted key"
                        + " (scrypt and secretbox), which the JDK cannot decrypt; create a PKCS#8 key with 'openssl"
                        + " genpkey");
        assertThatThrownBy(() -> SigningKey.parse(openssl.read(openssl.publicKey(ec)), NONE))
                .isInstanceOf(KeyException.class)
                .hasMessage("PEM block 1 ('PUBLIC KEY') is a public key; signing needs the private key ('PRIVATE"
                        + " KEY' or 'ENCRYPTED PRIVATE KEY')");
        assertThatThrownBy(() -> SigningKey.parse(openssl.read(openssl.certificate(ec)), NONE))
                .isInstanceOf(KeyException.class)
                .hasMessageStartingWith("PEM block 1 ('CERTIFICATE') is a certificate, which holds no private key");
    }

    @Test
    void unsupportedAlgorithmsAndTwoKeysInOneFileAreRefused() {
        byte[] p521 = openssl.read(openssl.ecKey("P-521"));
        byte[] two = (openssl.text(ec) + openssl.text(rsa)).getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> SigningKey.parse(p521, NONE))
                .isInstanceOf(KeyException.class)
                .hasMessageEndingWith("is not supported; use P-256 or P-384");
        assertThatThrownBy(() -> SigningKey.parse(two, NONE))
                .isInstanceOf(KeyException.class)
                .hasMessage("found 2 private keys; expected one");
    }

    @Test
    void aKeyIsShownWithoutKeyMaterialAndWorksAfterTheCallerClearsThePassphrase() {
        char[] passphrase = "do not keep me".toCharArray();
        byte[] pem = openssl.read(openssl.encrypted(rsa, "do not keep me"));

        SigningKey key = SigningKey.parse(pem, passphrase);
        Arrays.fill(passphrase, '\0');

        assertThat(key).hasToString("SigningKey[RSA, " + key.id() + ", private key not shown]");
        assertThat(key.verificationKey().verifies(new byte[] {1, 2, 3}, key.sign(new byte[] {1, 2, 3})))
                .isTrue();
    }

    @Test
    void readingAFileNamesTheFileInEveryError() throws Exception {
        Path file = dir.resolve("release.key");
        Files.write(file, openssl.read(openssl.sec1(ec)));

        assertThatThrownBy(() -> SigningKey.read(file, NONE))
                .isInstanceOf(KeyException.class)
                .hasMessageStartingWith(
                        "private key file " + file + ": PEM block 1 ('EC PRIVATE KEY') is a SEC1 EC" + " key");
        assertThatThrownBy(() -> SigningKey.read(dir.resolve("none.key"), NONE))
                .isInstanceOf(KeyException.class)
                .hasMessageStartingWith("cannot read private key file " + dir.resolve("none.key"));
    }
}
