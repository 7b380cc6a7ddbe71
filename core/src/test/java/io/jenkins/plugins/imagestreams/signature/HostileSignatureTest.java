package io.jenkins.plugins.imagestreams.signature;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.signature.HandWrittenSignatures.Layer;
import io.jenkins.plugins.imagestreams.testing.OpenSsl;
import io.jenkins.plugins.imagestreams.testing.Skopeo;
import io.jenkins.plugins.imagestreams.testing.TestImages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signature images an attacker who can push to the repository might write: each is refused with its reason. */
class HostileSignatureTest {
    @TempDir
    static Path dir;

    private static RegistryScene scene;
    private static OpenSsl openssl;
    private static Path key;
    private static SignatureVerifier verifier;

    @BeforeAll
    static void start() {
        scene = new RegistryScene(dir);
        openssl = new OpenSsl(dir);
        key = openssl.ecKey("P-256");
        verifier = new SignatureVerifier(
                scene.client,
                List.of(VerificationKey.parse(openssl.text(openssl.publicKey(key)))),
                IdentityRule.matchRepository());
    }

    @AfterAll
    static void stop() {
        scene.close();
    }

    /** Pushes an image to {@code name}, then a signature image of {@code layers} made by {@code sign}. */
    private static String refusal(String name, LayersFor layers) throws Exception {
        Digest image = scene.pushImage(name, "1");
        ImageReference repository = scene.repository(name);
        scene.handWritten.push(
                repository, image, layers.of(HandWrittenSignatures.payload(repository.name(), image), image));
        scene.mark();
        Verification verification = verifier.verify(repository, image);
        assertThat(verification.verified()).isFalse();
        assertThat(verification.refusals()).hasSize(1);
        return verification.refusals().get(0);
    }

    @FunctionalInterface
    private interface LayersFor {
        Layer[] of(byte[] payload, Digest image);
    }

    private static Layer signed(byte[] payload) {
        return Layer.of(payload, openssl.sign(key, payload));
    }

    @Test
    void aPayloadOtherThanTheSignedBytesIsSignedByNoTrustedKey() throws Exception {
        String refusal = refusal("hostile/forged", (payload, image) -> {
            byte[] forged = new String(payload, StandardCharsets.UTF_8)
                    .replace("\"optional\":null", "\"optional\":{\"approved\":\"yes\"}")
                    .getBytes(StandardCharsets.UTF_8);
            return new Layer[] {signed(payload).withPayload(forged)};
        });

        assertThat(refusal).contains("): signed by no trusted key (trusted: SHA256:");
    }

    @Test
    void aSignedPayloadNamingAnotherDigestIsRefused() throws Exception {
        Digest other = Digest.sha256("another image".getBytes(StandardCharsets.UTF_8));
        Digest[] image = new Digest[1];
        String refusal = refusal("hostile/digest", (payload, signedImage) -> {
            image[0] = signedImage;
            return new Layer[] {
                signed(new String(payload, StandardCharsets.UTF_8)
                        .replace(signedImage.toString(), other.toString())
                        .getBytes(StandardCharsets.UTF_8))
            };
        });

        assertThat(refusal).endsWith("): signed for " + other + " not " + image[0]);
    }

    @Test
    void anOversizedSignatureAnnotationIsRefusedBeforeThePayloadIsRead() throws Exception {
        String refusal = refusal("hostile/long-signature", (payload, image) ->
                new Layer[] {signed(payload).withAnnotation("A".repeat(5000))});

        assertThat(refusal).endsWith("): signature annotation of 5000 characters is longer than the 4096 allowed");
        assertThat(scene.gets("hostile/long-signature", "blobs")).isZero();
    }

    @Test
    void anOversizedPayloadIsRefusedByItsDescriptorWithoutReadingIt() throws Exception {
        String refusal = refusal("hostile/large-payload", (payload, image) -> {
            byte[] large = Arrays.copyOf(payload, 70_000);
            Arrays.fill(large, payload.length, large.length, (byte) ' ');
            return new Layer[] {signed(large)};
        });

        assertThat(refusal).endsWith("): payload of 70000 bytes is larger than the 65536 allowed");
        assertThat(scene.gets("hostile/large-payload", "blobs")).isZero();
    }

    @Test
    void anOversizedPayloadWhoseDescriptorUnderstatesItsSizeIsRefusedWhenRead() throws Exception {
        String refusal = refusal("hostile/lying-size", (payload, image) -> {
            byte[] large = Arrays.copyOf(payload, 70_000);
            Arrays.fill(large, payload.length, large.length, (byte) ' ');
            return new Layer[] {signed(large).withDeclaredSize(payload.length)};
        });

        assertThat(refusal).endsWith("): payload is larger than the 65536 bytes allowed");
    }

    @Test
    void malformedOrMissingSignatureAnnotationsAreRefused() throws Exception {
        String notBase64 = refusal("hostile/base64", (payload, image) ->
                new Layer[] {signed(payload).withAnnotation("MEUCIQ*not-base64*")});
        String missing = refusal("hostile/no-annotation", (payload, image) ->
                new Layer[] {signed(payload).withAnnotation(null)});

        assertThat(notBase64).contains("): signature annotation is not base64: Illegal base64 character");
        assertThat(missing).endsWith("): layer has no dev.cosignproject.cosign/signature annotation");
    }

    @Test
    void aSignedPayloadThatIsNotASimpleSigningPayloadIsRefused() throws Exception {
        String refusal = refusal("hostile/not-payload", (payload, image) -> new Layer[] {
            signed("{\"critical\":{\"type\":\"atomic container signature\"}}".getBytes(StandardCharsets.UTF_8))
        });

        assertThat(refusal).endsWith("): payload is not valid: field 'critical.identity' is missing or not an object");
    }

    @Test
    void anIndexUnderTheSignatureTagIsRefusedAsNotASignatureManifest() throws Exception {
        Digest image = scene.pushImage("hostile/index", "1");
        Skopeo.push(
                TestImages.index(dir.resolve("index"), "not signatures", "linux/amd64"),
                scene.registry,
                "hostile/index:sha256-" + image.hex() + ".sig");

        Verification verification = verifier.verify(scene.repository("hostile/index"), image);

        assertThat(verification.verified()).isFalse();
        assertThat(verification.refusals())
                .singleElement()
                .asString()
                .matches("signature manifest sha256:[0-9a-f]{12} under sha256-" + image.hex()
                        + "\\.sig is not valid: it is an index, not an image manifest");
    }
}
