package io.jenkins.plugins.imagestreams.signature;

import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The checks of one signature that need no registry: the annotation is a signature of sane size, the payload's exact
 * bytes verify with a trusted key, and what was signed is this image under an accepted identity. The signature is
 * checked before the payload is parsed, so an unsigned payload is never read for meaning.
 */
final class SignatureCheck {
    private final List<VerificationKey> keys;
    private final IdentityRule rule;
    private final ImageReference repository;
    private final Digest image;

    /** Why one signature was not accepted. Carries no stack trace: it is a verdict, not a fault. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    SignatureCheck(List<VerificationKey> keys, IdentityRule rule, ImageReference repository, Digest image) {
        this.keys = List.copyOf(keys);
        this.rule = rule;
        this.repository = repository;
        this.image = image;
    }

    /**
     * The signature bytes of {@code layer}, before its payload is fetched.
     *
     * @throws Refused when the annotation is missing, too long or not base64, or the payload is announced too large
     */
    static byte[] signatureOf(SignatureLayer layer) throws Refused {
        if (layer.size() > SimpleSigningPayload.MAX_BYTES) {
            throw new Refused("payload of " + layer.size() + " bytes is larger than the "
                    + SimpleSigningPayload.MAX_BYTES + " allowed");
        }
        String base64 = layer.signature()
                .orElseThrow(() -> new Refused("layer has no " + SignatureLayer.SIGNATURE_ANNOTATION + " annotation"));
        if (base64.length() > SignatureVerifier.MAX_SIGNATURE_CHARS) {
            throw new Refused("signature annotation of " + base64.length() + " characters is longer than the "
                    + SignatureVerifier.MAX_SIGNATURE_CHARS + " allowed");
        }
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new Refused("signature annotation is not base64: " + e.getMessage());
        }
    }

    /**
     * The accepted signature, when {@code signature} over {@code payload} passes every check.
     *
     * @throws Refused naming the first check that failed
     */
    Verification.Accepted accept(byte[] payload, byte[] signature) throws Refused {
        Optional<VerificationKey> signer =
                keys.stream().filter(k -> k.verifies(payload, signature)).findFirst();
        if (signer.isEmpty()) {
            throw new Refused("signed by no trusted key (trusted: "
                    + String.join(", ", keys.stream().map(VerificationKey::id).toList()) + ")");
        }
        SimpleSigningPayload signed;
        try {
            signed = SimpleSigningPayload.parse(payload);
        } catch (InvalidPayloadException e) {
            throw new Refused("payload is not valid: " + e.getMessage());
        }
        if (!signed.manifestDigest().equals(image)) {
            throw new Refused("signed for " + signed.manifestDigest() + " not " + image);
        }
        if (!rule.matches(signed.dockerReference(), repository)) {
            throw new Refused(
                    "identity " + signed.dockerReference() + " does not match " + rule.expectation(repository));
        }
        return new Verification.Accepted(signer.get().id(), signed);
    }
}
