/**
 * Cosign signatures of images with a key, in sigstore's "simple signing" format as cosign and skopeo write them:
 * {@link io.jenkins.plugins.imagestreams.signature.SignatureVerifier} checks the signatures under an image's {@code
 * sha256-<hex>.sig} tag against trusted {@link io.jenkins.plugins.imagestreams.signature.VerificationKey}s and an
 * {@link io.jenkins.plugins.imagestreams.signature.IdentityRule}; {@link
 * io.jenkins.plugins.imagestreams.signature.Signer} appends one made with a {@link
 * io.jenkins.plugins.imagestreams.signature.SigningKey}. Only the JDK's own cryptography is used: ECDSA P-256/P-384,
 * RSA and Ed25519 keys in PEM, private keys as PKCS#8 (optionally PBES2-encrypted).
 */
package io.jenkins.plugins.imagestreams.signature;
