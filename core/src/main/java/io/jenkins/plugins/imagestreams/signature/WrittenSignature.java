package io.jenkins.plugins.imagestreams.signature;

import io.jenkins.plugins.imagestreams.check.Require;
import io.jenkins.plugins.imagestreams.reference.Digest;

/**
 * What {@link Signer} wrote.
 *
 * @param signatureManifest the digest of the {@code .sig} manifest now under the image's signature tag
 * @param payload what was signed
 * @param keyId the {@link SigningKey#id()} it was signed with
 * @param appended {@code false} when the tag already held this very signature (an RSA or Ed25519 signature of the same
 *     payload is the same every time) and nothing was written
 */
public record WrittenSignature(Digest signatureManifest, SimpleSigningPayload payload, String keyId, boolean appended) {
    public WrittenSignature {
        Require.nonNull("signatureManifest, payload, keyId", signatureManifest, payload, keyId);
    }
}
