package io.jenkins.plugins.imagestreams.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.registry.ErrorCode;
import io.jenkins.plugins.imagestreams.registry.RegistryException;
import io.jenkins.plugins.imagestreams.registry.model.Manifest;
import io.jenkins.plugins.imagestreams.signature.HandWrittenSignatures.Layer;
import io.jenkins.plugins.imagestreams.testing.OpenSsl;
import io.jenkins.plugins.imagestreams.testing.Skopeo;
import io.jenkins.plugins.imagestreams.testing.TestImages;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The signer against a real registry, its signatures checked by openssl and by the verifier. */
class SignerTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static RegistryScene scene;
    private static OpenSsl openssl;
    private static Path ecFile;
    private static SigningKey ec;
    private static Signer signer;

    @BeforeAll
    static void start() {
        scene = new RegistryScene(dir);
        openssl = new OpenSsl(dir);
        ecFile = openssl.ecKey("P-256");
        ec = SigningKey.parse(openssl.read(ecFile), null);
        signer = new Signer(scene.client, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterAll
    static void stop() {
        scene.close();
    }

    private static JsonNode json(byte[] bytes) throws Exception {
        return JSON.readTree(bytes);
    }

    private static byte[] blob(ImageReference repository, String digest) throws Exception {
        try (InputStream in = scene.client.openBlob(repository, Digest.parse(digest))) {
            return in.readAllBytes();
        }
    }

    private static Verification verify(ImageReference repository, Digest image, VerificationKey key)
            throws RegistryException {
        return new SignatureVerifier(scene.client, List.of(key), IdentityRule.matchRepository())
                .verify(repository, image);
    }

    @Test
    void aFirstSignatureIsWrittenInCosignsLayoutAndVerifiesWithOpensslAndTheVerifier() throws Exception {
        Digest image = scene.pushImage("sign/first", "1.0");
        ImageReference repository = scene.repository("sign/first");
        SimpleSigningPayload payload = SimpleSigningPayload.of(repository.name() + ":1.0", image, Map.of("by", "ci"));

        WrittenSignature written = signer.sign(repository, payload, ec);

        byte[] raw = Skopeo.rawManifest(scene.registry, "sign/first:sha256-" + image.hex() + ".sig");
        JsonNode manifest = json(raw);
        JsonNode layer = manifest.get("layers").get(0);
        byte[] payloadBlob = blob(repository, layer.get("digest").asText());
        byte[] signature = Base64.getDecoder()
                .decode(layer.get("annotations")
                        .get("dev.cosignproject.cosign/signature")
                        .asText());
        assertThat(written).isEqualTo(new WrittenSignature(Digest.sha256(raw), payload, ec.id(), true));
        assertThat(manifest.get("schemaVersion").asInt()).isEqualTo(2);
        assertThat(manifest.get("mediaType").asText()).isEqualTo("application/vnd.oci.image.manifest.v1+json");
        assertThat(manifest.get("config").get("mediaType").asText())
                .isEqualTo("application/vnd.oci.image.config.v1+json");
        assertThat(manifest.get("layers")).hasSize(1);
        assertThat(layer.get("mediaType").asText()).isEqualTo("application/vnd.dev.cosign.simplesigning.v1+json");
        assertThat(layer.get("size").asLong()).isEqualTo(payloadBlob.length);
        assertThat(payloadBlob).isEqualTo(payload.toBytes());
        assertThat(new String(
                        blob(repository, manifest.get("config").get("digest").asText()), StandardCharsets.UTF_8))
                .isEqualTo("{\"architecture\":\"\",\"created\":\"2026-03-01T12:00:00Z\",\"history\":[{\"created\":"
                        + "\"0001-01-01T00:00:00Z\"}],\"os\":\"\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
                        + layer.get("digest").asText() + "\"]},\"config\":{}}");
        assertThat(openssl.verifies(openssl.publicKey(ecFile), payloadBlob, signature))
                .isTrue();
        assertThat(openssl.verifies(openssl.publicKey(openssl.ecKey("P-256")), payloadBlob, signature))
                .isFalse();
        assertThat(verify(repository, image, ec.verificationKey())
                        .accepted()
                        .orElseThrow()
                        .identity())
                .isEqualTo(repository.name() + ":1.0");
    }

    @Test
    void aSignatureIsAppendedKeepingTheExistingLayerAndBlobsByteForByte() throws Exception {
        Digest image = scene.pushImage("sign/append", "1");
        ImageReference repository = scene.repository("sign/append");
        Path rsaFile = openssl.rsaKey(2048);
        byte[] first = HandWrittenSignatures.payload(repository.name(), image);
        Manifest before = scene.handWritten.push(repository, image, Layer.of(first, openssl.sign(rsaFile, first)));
        SigningKey ed25519 = SigningKey.parse(openssl.read(openssl.ed25519Key()), null);

        WrittenSignature written =
                signer.sign(repository, SimpleSigningPayload.of(repository.name(), image, Map.of()), ed25519);

        JsonNode old = json(before.bytes());
        JsonNode now = json(Skopeo.rawManifest(scene.registry, "sign/append:sha256-" + image.hex() + ".sig"));
        JsonNode config = json(blob(repository, now.get("config").get("digest").asText()));
        assertThat(written.signatureManifest()).isNotEqualTo(before.digest());
        assertThat(now.get("layers")).hasSize(2);
        assertThat(now.get("layers").get(0)).isEqualTo(old.get("layers").get(0));
        assertThat(blob(repository, old.get("layers").get(0).get("digest").asText()))
                .isEqualTo(first);
        assertThat(config.get("created").asText()).isEqualTo("2023-02-17T09:25:33.91047962-08:00");
        assertThat(config.get("history")).hasSize(2);
        assertThat(config.get("rootfs").get("diff_ids"))
                .extracting(JsonNode::asText)
                .containsExactly(
                        old.get("layers").get(0).get("digest").asText(),
                        now.get("layers").get(1).get("digest").asText());
        VerificationKey rsa = VerificationKey.parse(openssl.text(openssl.publicKey(rsaFile)));
        assertThat(verify(repository, image, rsa).accepted().orElseThrow().keyId())
                .isEqualTo(rsa.id());
        Verification byEd = verify(repository, image, ed25519.verificationKey());
        assertThat(byEd.accepted().orElseThrow().keyId()).isEqualTo(ed25519.id());
        assertThat(byEd.refusals()).singleElement().asString().contains("signed by no trusted key");
    }

    @Test
    void signingAgainWithTheSameDeterministicSignatureWritesNothing() throws Exception {
        Digest image = scene.pushImage("sign/again", "1");
        ImageReference repository = scene.repository("sign/again");
        SigningKey ed25519 = SigningKey.parse(openssl.read(openssl.ed25519Key()), null);
        SimpleSigningPayload payload = SimpleSigningPayload.of(repository.name(), image, Map.of());
        WrittenSignature first = signer.sign(repository, payload, ed25519);

        WrittenSignature second = signer.sign(repository, payload, ed25519);

        assertThat(first.appended()).isTrue();
        assertThat(second).isEqualTo(new WrittenSignature(first.signatureManifest(), payload, ed25519.id(), false));
        assertThat(json(Skopeo.rawManifest(scene.registry, "sign/again:sha256-" + image.hex() + ".sig"))
                        .get("layers"))
                .hasSize(1);
    }

    @Test
    void anImageThatIsNotInTheRepositoryIsNotSigned() {
        ImageReference repository = scene.repository("sign/absent");
        scene.pushImage("sign/absent", "1");
        Digest absent = Digest.sha256("no such image".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> signer.sign(repository, SimpleSigningPayload.of("x.io/a", absent, Map.of()), ec))
                .isInstanceOfSatisfying(
                        RegistryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MANIFEST_UNKNOWN));
    }

    @Test
    void aSignatureTagHoldingSomethingElseIsLeftAlone() throws Exception {
        Digest image = scene.pushImage("sign/occupied", "1");
        String tag = "sha256-" + image.hex() + ".sig";
        Skopeo.push(
                TestImages.index(dir.resolve("occupied"), "not signatures", "linux/amd64"),
                scene.registry,
                "sign/occupied:" + tag);
        byte[] before = Skopeo.rawManifest(scene.registry, "sign/occupied:" + tag);

        assertThatThrownBy(() -> signer.sign(
                        scene.repository("sign/occupied"), SimpleSigningPayload.of("x.io/a", image, Map.of()), ec))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.MANIFEST_INVALID);
                    assertThat(e.getMessage())
                            .contains("the tag holds no cosign signature manifest: it is an index, not an image"
                                    + " manifest");
                });
        assertThat(Skopeo.rawManifest(scene.registry, "sign/occupied:" + tag)).isEqualTo(before);
    }
}
