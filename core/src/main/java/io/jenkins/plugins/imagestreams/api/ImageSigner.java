package io.jenkins.plugins.imagestreams.api;

import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.registry.RegistryException;
import io.jenkins.plugins.imagestreams.stream.Evidence;
import java.util.Map;

/**
 * Signs a promoted image where it now lives, with a key the signer holds and never shows: a sigstore simple-signing
 * signature in the repository's {@code sha256-<hex>.sig} tag, which cosign, policy-controller, Kyverno and
 * podman/skopeo's {@code policy.json} verify.
 */
@FunctionalInterface
public interface ImageSigner {
    /**
     * Writes a signature of {@code image} naming {@code repository} as its {@code docker-reference}.
     *
     * @param optional the payload's {@code optional} section: what the promotion was, for admission policies to read
     * @return the signature written, origin {@link Evidence.Signature#WRITTEN}
     * @throws RegistryException when the repository cannot be written
     */
    Evidence.Signature sign(ImageReference repository, Digest image, Map<String, String> optional)
            throws RegistryException;
}
