package io.jenkins.plugins.imagestreams.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.testing.OpenSsl;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerificationKeyTest {
    @TempDir
    static Path dir;

    private static OpenSsl openssl;

    @BeforeAll
    static void openssl() {
        openssl = new OpenSsl(dir);
    }

    @Test
    void everySupportedPublicKeyFromOpensslIsReadWithItsAlgorithmAndTheIdOfItsDer() {
        assertKey(openssl.ecKey("P-256"), KeyAlgorithm.ECDSA_P256);
        assertKey(openssl.ecKey("P-384"), KeyAlgorithm.ECDSA_P384);
        assertKey(openssl.rsaKey(2048), KeyAlgorithm.RSA);
        assertKey(openssl.ed25519Key(), KeyAlgorithm.ED25519);
    }

    private static void assertKey(Path privateKey, KeyAlgorithm algorithm) {
        VerificationKey key = VerificationKey.parse(openssl.text(openssl.publicKey(privateKey)));

        String der = Digest.sha256(openssl.publicKeyDer(privateKey)).hex();
        assertThat(key.algorithm()).isEqualTo(algorithm);
        assertThat(key.id()).isEqualTo("SHA256:" + der.substring(0, 16));
        assertThat(key.encoded()).isEqualTo(openssl.publicKeyDer(privateKey));
        assertThat(key).hasToString("VerificationKey[" + algorithm + ", " + key.id() + "]");
    }

    @Test
    void aFileOfSeveralPublicKeysGivesThemAllInOrderWithTextBetweenIgnored() {
        String first = openssl.text(openssl.publicKey(openssl.ecKey("P-256")));
        String second = openssl.text(openssl.publicKey(openssl.ed25519Key()));

        var keys = VerificationKey.parseAll("release key\n" + first + "\nbackup key\n" + second);

        assertThat(keys)
                .extracting(VerificationKey::algorithm)
                .containsExactly(KeyAlgorithm.ECDSA_P256, KeyAlgorithm.ED25519);
        assertThat(keys.get(0)).isEqualTo(VerificationKey.parse(first)).isNotEqualTo(keys.get(1));
        assertThatThrownBy(() -> VerificationKey.parse(first + second))
                .isInstanceOf(KeyException.class)
                .hasMessage("expected one PUBLIC KEY block, found 2");
    }

    @Test
    void aPrivateKeyGivenForVerificationIsRefusedWithTheCommandThatWritesItsPublicKey() {
        Path key = openssl.ecKey("P-256");

        assertThatThrownBy(() -> VerificationKey.parse(openssl.text(key)))
                .isInstanceOf(KeyException.class)
                .hasMessage("PEM block 1 ('PRIVATE KEY') is a private key; give its public key, from"
                        + " 'openssl pkey -in key.pem -pubout -out key.pub'")
                .hasMessageNotContaining(
                        openssl.text(key).lines().skip(1).findFirst().orElseThrow());
        assertThatThrownBy(() -> VerificationKey.parse(openssl.text(openssl.sec1(key))))
                .hasMessageStartingWith("PEM block 1 ('EC PRIVATE KEY') is a private key");
    }

    @Test
    void aCertificateOrPkcs1PublicKeyIsRefusedWithTheCommandThatConvertsIt() {
        Path rsa = openssl.rsaKey(2048);
        String pkcs1 = openssl.text(openssl.publicKey(rsa)).replace("PUBLIC KEY", "RSA PUBLIC KEY");

        assertThatThrownBy(() -> VerificationKey.parse(openssl.text(openssl.certificate(rsa))))
                .isInstanceOf(KeyException.class)
                .hasMessage("PEM block 1 ('CERTIFICATE') is a certificate; give its public key, from"
                        + " 'openssl x509 -in cert.pem -pubkey -noout > key.pub'");
        assertThatThrownBy(() -> VerificationKey.parse(pkcs1))
                .isInstanceOf(KeyException.class)
                .hasMessageContaining("is a PKCS#1 RSA public key; convert it with 'openssl rsa -RSAPublicKey_in");
        assertThatThrownBy(() -> VerificationKey.parse("-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\nAAAA\n"
                        + "-----END ENCRYPTED SIGSTORE PRIVATE KEY-----\n"))
                .hasMessageContaining("is a cosign private key; give its public key, from 'cosign public-key");
    }

    @Test
    void keysCosignDoesNotVerifyWithAreRefusedNamingWhatIsSupported() {
        assertThatThrownBy(() -> VerificationKey.parse(openssl.text(openssl.publicKey(openssl.ecKey("P-521")))))
                .isInstanceOf(KeyException.class)
                .hasMessageStartingWith("PEM block 1 ('PUBLIC KEY'): EC key on curve")
                .hasMessageEndingWith("is not supported; use P-256 or P-384");
        assertThatThrownBy(() -> VerificationKey.parse(openssl.text(openssl.publicKey(openssl.rsaKey(1024)))))
                .isInstanceOf(KeyException.class)
                .hasMessage("PEM block 1 ('PUBLIC KEY'): RSA key of 1024 bits is not supported; use 2048 to 8192 bits");
    }

    @Test
    void textThatIsNotAPublicKeyIsRefusedSayingWhy() {
        assertThatThrownBy(() -> VerificationKey.parse("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI user@host"))
                .isInstanceOf(KeyException.class)
                .hasMessageStartingWith("no PEM block found; expected a '-----BEGIN PUBLIC KEY-----'");
        assertThatThrownBy(() -> VerificationKey.parse("-----BEGIN PUBLIC KEY-----\nAAAA\n"))
                .isInstanceOf(KeyException.class)
                .hasMessage("PEM block 1 ('PUBLIC KEY') has no '-----END PUBLIC KEY-----' line");
        assertThatThrownBy(() -> VerificationKey.parse("-----BEGIN PUBLIC KEY-----\nAA*A\n-----END PUBLIC KEY-----"))
                .isInstanceOf(KeyException.class)
                .hasMessage("PEM block 1 ('PUBLIC KEY') has a line that is not base64");
        assertThatThrownBy(() -> VerificationKey.parse("-----BEGIN PUBLIC KEY-----\nAAAAA\n-----END PUBLIC KEY-----"))
                .isInstanceOf(KeyException.class)
                .hasMessageStartingWith("PEM block 1 ('PUBLIC KEY') is not valid base64");
        assertThatThrownBy(() -> VerificationKey.parse("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----"))
                .isInstanceOf(KeyException.class)
                .hasMessage("PEM block 1 ('PUBLIC KEY') is not an ECDSA P-256/P-384, RSA or Ed25519 public key"
                        + " (SubjectPublicKeyInfo DER)");
    }

    @Test
    void readingAFileNamesTheFileInEveryError() throws Exception {
        Path file = dir.resolve("trusted.pub");
        Files.writeString(file, openssl.text(openssl.ecKey("P-256")));

        assertThatThrownBy(() -> VerificationKey.read(file))
                .isInstanceOf(KeyException.class)
                .hasMessageStartingWith("public key file " + file + ": PEM block 1 ('PRIVATE KEY') is a private key");
        assertThatThrownBy(() -> VerificationKey.read(dir.resolve("missing.pub")))
                .isInstanceOf(KeyException.class)
                .hasMessageStartingWith("cannot read public key file " + dir.resolve("missing.pub"));
    }
}
