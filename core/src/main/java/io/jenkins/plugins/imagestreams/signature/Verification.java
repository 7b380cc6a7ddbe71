package io.jenkins.plugins.imagestreams.signature;

import io.jenkins.plugins.imagestreams.check.Require;
import io.jenkins.plugins.imagestreams.reference.Digest;
import java.util.List;
import java.util.Optional;

/**
 * What checking the signatures of one image found: the signature that was accepted, or why each one was refused.
 *
 * @param signatureManifest the digest of the {@code .sig} manifest read; empty when the image has none
 * @param accepted the first signature that verified, by a trusted key, for this image and an accepted identity
 * @param refusals one reason for each signature refused before one was accepted; at least one when none was
 */
public record Verification(
        Digest image, Optional<Digest> signatureManifest, Optional<Accepted> accepted, List<String> refusals) {

    /**
     * The signature that was accepted.
     *
     * @param keyId the {@link VerificationKey#id()} of the key it verified with
     * @param payload what was signed; its {@code dockerReference} is the signed identity
     */
    public record Accepted(String keyId, SimpleSigningPayload payload) {
        public Accepted {
            Require.nonNull("keyId, payload", keyId, payload);
        }

        /** The signed identity, {@code critical.identity.docker-reference}. */
        public String identity() {
            return payload.dockerReference();
        }
    }

    public Verification {
        Require.nonNull("image, signatureManifest, accepted, refusals", image, signatureManifest, accepted, refusals);
        refusals = List.copyOf(refusals);
        if (accepted.isPresent() && signatureManifest.isEmpty()) {
            throw new IllegalArgumentException("an accepted signature comes from a signature manifest");
        }
        if (accepted.isEmpty() && refusals.isEmpty()) {
            throw new IllegalArgumentException("a refused verification needs a reason");
        }
    }

    static Verification unsigned(Digest image, String reason) {
        return new Verification(image, Optional.empty(), Optional.empty(), List.of(reason));
    }

    static Verification refused(Digest image, Digest signatureManifest, List<String> refusals) {
        return new Verification(image, Optional.of(signatureManifest), Optional.empty(), refusals);
    }

    static Verification accepted(Digest image, Digest signatureManifest, Accepted accepted, List<String> refusals) {
        return new Verification(image, Optional.of(signatureManifest), Optional.of(accepted), refusals);
    }

    /** Whether a signature was accepted. */
    public boolean verified() {
        return accepted.isPresent();
    }

    /**
     * One line for people: {@code sha256:0c0361b1e9ac is signed by SHA256:… for quay.io/acme/api} or {@code
     * sha256:0c0361b1e9ac is not verified: signature 1 of 1 (…): signed by no trusted key}.
     */
    public String summary() {
        return accepted.map(a -> image.shortForm() + " is signed by " + a.keyId() + " for " + a.identity())
                .orElseGet(() -> image.shortForm() + " is not verified: " + String.join("; ", refusals));
    }
}
