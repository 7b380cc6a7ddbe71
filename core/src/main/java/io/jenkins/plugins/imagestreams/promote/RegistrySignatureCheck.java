package io.jenkins.plugins.imagestreams.promote;

import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.registry.RegistryClient;
import io.jenkins.plugins.imagestreams.registry.RegistryException;
import io.jenkins.plugins.imagestreams.signature.IdentityRule;
import io.jenkins.plugins.imagestreams.signature.SignatureVerifier;
import io.jenkins.plugins.imagestreams.signature.Verification;
import io.jenkins.plugins.imagestreams.signature.VerificationKey;
import io.jenkins.plugins.imagestreams.stream.Evidence;
import io.jenkins.plugins.imagestreams.stream.SignaturePolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Verifies a gate's signatures in the registry: the cosign {@code .sig} tag of the image in the repository it is read
 * from, each simple-signing layer checked against the policy's keys and identity rule.
 */
public final class RegistrySignatureCheck implements SignatureCheck {
    private final RegistryClient client;

    public RegistrySignatureCheck(RegistryClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    @Override
    public Verdict verify(ImageReference repository, Digest image, SignaturePolicy policy) {
        List<VerificationKey> keys = new ArrayList<>();
        IdentityRule rule;
        try {
            for (String pem : policy.publicKeys()) {
                keys.addAll(VerificationKey.parseAll(pem));
            }
            rule = IdentityRule.parse(policy.identity());
        } catch (IllegalArgumentException e) {
            return Verdict.refused("the gate's keys cannot be used: " + e.getMessage());
        }
        try {
            Verification verification = new SignatureVerifier(client, keys, rule).verify(repository, image);
            return verification
                    .accepted()
                    .map(a -> Verdict.verified(new Evidence.Signature(
                            a.keyId(),
                            a.identity(),
                            verification.signatureManifest().orElseThrow(),
                            Evidence.Signature.VERIFIED)))
                    .orElseGet(() -> Verdict.refused(verification.summary()));
        } catch (RegistryException e) {
            return Verdict.refused("the signatures could not be read: " + e.getMessage());
        }
    }
}
