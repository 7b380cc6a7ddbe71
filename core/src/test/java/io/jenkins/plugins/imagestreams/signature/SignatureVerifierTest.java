package io.jenkins.plugins.imagestreams.signature;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.registry.model.Manifest;
import io.jenkins.plugins.imagestreams.signature.HandWrittenSignatures.Layer;
import io.jenkins.plugins.imagestreams.testing.OpenSsl;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signatures written by hand in cosign's layout, signed by openssl, checked against a real registry. */
class SignatureVerifierTest {
    @TempDir
    static Path dir;

    private static RegistryScene scene;
    private static OpenSsl openssl;
    private static Path trustedKey;
    private static VerificationKey trusted;
    private static Path otherKey;

    @BeforeAll
    static void start() {
        scene = new RegistryScene(dir);
        openssl = new OpenSsl(dir);
        trustedKey = openssl.ecKey("P-256");
        trusted = VerificationKey.parse(openssl.text(openssl.publicKey(trustedKey)));
        otherKey = openssl.ecKey("P-256");
    }

    @AfterAll
    static void stop() {
        scene.close();
    }

    private static SignatureVerifier verifier(IdentityRule rule, VerificationKey... keys) {
        return new SignatureVerifier(scene.client, List.of(keys), rule);
    }

    private static Layer signed(Path key, byte[] payload) {
        return Layer.of(payload, openssl.sign(key, payload));
    }

    @Test
    void anImageSignedByTheTrustedKeyIsVerifiedWithOneManifestAndOneBlobRead() throws Exception {
        Digest image = scene.pushImage("verify/ok", "1");
        ImageReference repository = scene.repository("verify/ok");
        byte[] payload = HandWrittenSignatures.payload(repository.name(), image);
        Manifest signatures = scene.handWritten.push(repository, image, signed(trustedKey, payload));
        scene.mark();

        Verification verification =
                verifier(IdentityRule.matchRepository(), trusted).verify(repository, image);

        assertThat(verification.verified()).isTrue();
        assertThat(verification.image()).isEqualTo(image);
        assertThat(verification.signatureManifest()).contains(signatures.digest());
        assertThat(verification.accepted().orElseThrow().keyId()).isEqualTo(trusted.id());
        assertThat(verification.accepted().orElseThrow().identity()).isEqualTo(repository.name());
        assertThat(verification.accepted().orElseThrow().payload()).isEqualTo(SimpleSigningPayload.parse(payload));
        assertThat(verification.refusals()).isEmpty();
        assertThat(verification.summary())
                .isEqualTo(image.shortForm() + " is signed by " + trusted.id() + " for " + repository.name());
        assertThat(scene.gets("verify/ok", "manifests")).isEqualTo(1);
        assertThat(scene.gets("verify/ok", "blobs")).isEqualTo(1);
    }

    @Test
    void anUnsignedImageIsRefusedAfterOneManifestRequest() throws Exception {
        Digest image = scene.pushImage("verify/unsigned", "1");
        ImageReference repository = scene.repository("verify/unsigned");
        scene.mark();

        Verification verification =
                verifier(IdentityRule.matchRepository(), trusted).verify(repository, image);

        assertThat(verification.verified()).isFalse();
        assertThat(verification.signatureManifest()).isEmpty();
        assertThat(verification.refusals())
                .containsExactly("no signature: " + repository.name() + " has no tag sha256-" + image.hex() + ".sig");
        assertThat(verification.summary()).startsWith(image.shortForm() + " is not verified: no signature: ");
        assertThat(scene.gets("verify/unsigned", "manifests")).isEqualTo(1);
        assertThat(scene.gets("verify/unsigned", "blobs")).isZero();
    }

    @Test
    void anImageSignedByAnotherKeyIsRefusedNamingTheTrustedKeys() throws Exception {
        Digest image = scene.pushImage("verify/other-key", "1");
        ImageReference repository = scene.repository("verify/other-key");
        Manifest signatures = scene.handWritten.push(
                repository, image, signed(otherKey, HandWrittenSignatures.payload(repository.name(), image)));

        Verification verification =
                verifier(IdentityRule.matchRepository(), trusted).verify(repository, image);

        assertThat(verification.verified()).isFalse();
        assertThat(verification.signatureManifest()).contains(signatures.digest());
        assertThat(verification.refusals())
                .containsExactly("signature 1 of 1 ("
                        + signatures.layers().get(0).digest().shortForm() + "): signed by no trusted key (trusted: "
                        + trusted.id() + ")");
    }

    @Test
    void aSignatureForAnotherDigestIsRefusedNamingBoth() throws Exception {
        Digest image = scene.pushImage("verify/other-digest", "1");
        Digest other = scene.pushImage("verify/other-digest", "2");
        ImageReference repository = scene.repository("verify/other-digest");
        scene.handWritten.push(
                repository, image, signed(trustedKey, HandWrittenSignatures.payload(repository.name(), other)));

        Verification verification =
                verifier(IdentityRule.matchRepository(), trusted).verify(repository, image);

        assertThat(verification.verified()).isFalse();
        assertThat(verification.refusals())
                .singleElement()
                .asString()
                .endsWith("): signed for " + other + " not " + image);
    }

    @Test
    void aSignatureForAnotherIdentityIsRefusedByMatchRepositoryAndAcceptedByAPatternThatAllowsIt() throws Exception {
        Digest image = scene.pushImage("verify/identity", "1");
        ImageReference repository = scene.repository("verify/identity");
        String elsewhere = "quay.io/acme/app:1.0";
        scene.handWritten.push(repository, image, signed(trustedKey, HandWrittenSignatures.payload(elsewhere, image)));

        Verification refused = verifier(IdentityRule.matchRepository(), trusted).verify(repository, image);
        Verification accepted =
                verifier(IdentityRule.parse("pattern:quay.io/acme/*"), trusted).verify(repository, image);

        assertThat(refused.refusals())
                .singleElement()
                .asString()
                .endsWith("): identity quay.io/acme/app:1.0 does not match repository " + repository.name());
        assertThat(accepted.accepted().orElseThrow().identity()).isEqualTo(elsewhere);
    }

    @Test
    void theFirstAcceptableOfSeveralSignaturesWinsAndTheRefusedOnesBeforeItAreReported() throws Exception {
        Digest image = scene.pushImage("verify/several", "1");
        ImageReference repository = scene.repository("verify/several");
        byte[] payload = HandWrittenSignatures.payload(repository.name(), image);
        Path rsa = openssl.rsaKey(2048);
        Path ed25519 = openssl.ed25519Key();
        scene.handWritten.push(
                repository,
                image,
                signed(otherKey, payload),
                signed(rsa, payload),
                Layer.of(payload, openssl.signRaw(ed25519, payload)));
        VerificationKey rsaKey = VerificationKey.parse(openssl.text(openssl.publicKey(rsa)));
        VerificationKey edKey = VerificationKey.parse(openssl.text(openssl.publicKey(ed25519)));
        scene.mark();

        Verification byEd =
                verifier(IdentityRule.matchRepository(), trusted, edKey).verify(repository, image);
        Verification byRsa =
                verifier(IdentityRule.matchRepository(), edKey, rsaKey).verify(repository, image);

        assertThat(byEd.accepted().orElseThrow().keyId()).isEqualTo(edKey.id());
        assertThat(byEd.refusals()).hasSize(2).allSatisfy(r -> assertThat(r).contains("signed by no trusted key"));
        assertThat(byEd.refusals().get(0)).startsWith("signature 1 of 3 (");
        assertThat(byRsa.accepted().orElseThrow().keyId()).isEqualTo(rsaKey.id());
        assertThat(byRsa.refusals()).hasSize(1);
        assertThat(scene.gets("verify/several", "manifests")).isEqualTo(2);
        assertThat(scene.gets("verify/several", "blobs")).isEqualTo(3 + 2);
    }
}
