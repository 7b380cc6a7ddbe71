package io.jenkins.plugins.imagestreams.signature;

import io.jenkins.plugins.imagestreams.check.Require;
import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.registry.ErrorCode;
import io.jenkins.plugins.imagestreams.registry.RegistryClient;
import io.jenkins.plugins.imagestreams.registry.RegistryException;
import io.jenkins.plugins.imagestreams.registry.model.AttachmentTags;
import io.jenkins.plugins.imagestreams.registry.model.Manifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks an image's cosign signatures: the simple-signing layers of the manifest under its {@code sha256-<hex>.sig} tag,
 * each a payload blob and a base64 signature annotation. A signature is accepted when it verifies over the payload's
 * exact bytes with one of the trusted keys, the payload names the image's digest, and its identity passes the rule.
 *
 * <p>Costs one manifest {@code GET}, then one blob {@code GET} per signature until one is accepted; at most {@value
 * #MAX_SIGNATURES} signatures are read. Thread-safe.
 */
public final class SignatureVerifier {
    /** Signatures read from one {@code .sig} manifest, at most. */
    public static final int MAX_SIGNATURES = 64;
    /** Base64 characters of one signature annotation, at most: an RSA-8192 signature has 1,368. */
    public static final int MAX_SIGNATURE_CHARS = 4096;

    private final RegistryClient client;
    private final List<VerificationKey> keys;
    private final IdentityRule rule;

    /**
     * @param keys the trusted keys, at least one
     * @param rule which signed identities are accepted
     */
    public SignatureVerifier(RegistryClient client, List<VerificationKey> keys, IdentityRule rule) {
        Require.nonNull("client, keys, rule", client, keys, rule);
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("a signature verifier needs at least one trusted key");
        }
        this.client = client;
        this.keys = List.copyOf(keys);
        this.rule = rule;
    }

    /**
     * Checks the signatures of {@code image} in {@code repository} (whose tag and digest are ignored).
     *
     * @return verified with the first accepted signature, or refused with a reason for each signature (or for their
     *     absence)
     * @throws RegistryException when the registry cannot be asked, so nothing can be said either way
     */
    public Verification verify(ImageReference repository, Digest image) throws RegistryException {
        Require.nonNull("repository, image", repository, image);
        String tag = AttachmentTags.SIGNATURE.tagFor(image);
        Optional<Manifest> found =
                signatureManifest(ImageReference.of(repository.registry(), repository.repository(), tag));
        if (found.isEmpty()) {
            return Verification.unsigned(image, "no signature: " + repository.name() + " has no tag " + tag);
        }
        Manifest manifest = found.get();
        List<SignatureLayer> layers;
        try {
            layers = SignatureLayer.of(manifest).stream()
                    .filter(SignatureLayer::isSimpleSigning)
                    .toList();
        } catch (IllegalArgumentException | IllegalStateException e) {
            return Verification.refused(
                    image,
                    manifest.digest(),
                    List.of("signature manifest " + manifest.digest().shortForm() + " under " + tag + " is not valid: "
                            + e.getMessage()));
        }
        if (layers.isEmpty()) {
            return Verification.refused(
                    image,
                    manifest.digest(),
                    List.of("no signature: "
                            + manifest.digest().shortForm() + " under " + tag + " has no "
                            + SignatureLayer.SIMPLE_SIGNING
                            + " layer"));
        }
        SignatureCheck check = new SignatureCheck(keys, rule, repository, image);
        List<String> refusals = new ArrayList<>();
        for (int i = 0; i < Math.min(layers.size(), MAX_SIGNATURES); i++) {
            SignatureLayer layer = layers.get(i);
            String name = "signature " + (i + 1) + " of " + layers.size() + " ("
                    + layer.digest().shortForm() + ")";
            try {
                byte[] signature = SignatureCheck.signatureOf(layer);
                Verification.Accepted accepted = check.accept(payload(repository, layer), signature);
                return Verification.accepted(image, manifest.digest(), accepted, refusals);
            } catch (SignatureCheck.Refused e) {
                refusals.add(name + ": " + e.getMessage());
            }
        }
        if (layers.size() > MAX_SIGNATURES) {
            refusals.add((layers.size() - MAX_SIGNATURES) + " more signatures were not read; at most " + MAX_SIGNATURES
                    + " are");
        }
        return Verification.refused(image, manifest.digest(), refusals);
    }

    private Optional<Manifest> signatureManifest(ImageReference signatures) throws RegistryException {
        try {
            return Optional.of(client.getManifest(signatures));
        } catch (RegistryException e) {
            if (e.status() == 404 || e.code() == ErrorCode.MANIFEST_UNKNOWN) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The payload blob of {@code layer}, or a refusal when it is too large, missing or not what its digest says. */
    private byte[] payload(ImageReference repository, SignatureLayer layer)
            throws RegistryException, SignatureCheck.Refused {
        try {
            return SmallBlobs.read(client, repository, layer.digest(), SimpleSigningPayload.MAX_BYTES, "payload");
        } catch (RegistryException e) {
            switch (e.code()) {
                case TOO_LARGE ->
                    throw new SignatureCheck.Refused(
                            "payload is larger than the " + SimpleSigningPayload.MAX_BYTES + " bytes allowed");
                case DIGEST_MISMATCH -> throw new SignatureCheck.Refused("payload does not hash to its digest");
                case BLOB_UNKNOWN -> throw new SignatureCheck.Refused("payload blob is missing from the registry");
                default -> throw e;
            }
        }
    }
}
