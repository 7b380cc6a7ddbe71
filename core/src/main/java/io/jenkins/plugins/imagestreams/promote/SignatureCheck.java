package io.jenkins.plugins.imagestreams.promote;

import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.stream.Evidence;
import io.jenkins.plugins.imagestreams.stream.SignaturePolicy;
import java.util.Objects;
import java.util.Optional;

/** Verifies that an image in a registry repository carries a signature a {@code requireSignature} gate accepts. */
@FunctionalInterface
public interface SignatureCheck {
    /** A check for places that cannot reach a registry: it refuses every image, saying so. */
    SignatureCheck UNAVAILABLE = (repository, image, policy) -> Verdict.refused(
            "signatures cannot be verified here: no registry client to read " + repository.name() + " with");

    /**
     * Looks for a signature of {@code image} in {@code repository} that {@code policy} accepts.
     *
     * @param repository where the image is read from, and its signatures with it
     * @return the signature that passed, or why none did; a registry that cannot be read is a refusal saying so
     */
    Verdict verify(ImageReference repository, Digest image, SignaturePolicy policy);

    /**
     * The outcome of a check.
     *
     * @param signature the signature that satisfied the policy, empty when refused
     * @param reason why it was refused, empty when it passed
     */
    record Verdict(Optional<Evidence.Signature> signature, String reason) {
        public Verdict {
            Objects.requireNonNull(signature, "signature");
            Objects.requireNonNull(reason, "reason");
            if (signature.isPresent() == !reason.isEmpty()) {
                throw new IllegalArgumentException("a verdict has either a signature or a reason: " + reason);
            }
        }

        public static Verdict verified(Evidence.Signature signature) {
            return new Verdict(Optional.of(signature), "");
        }

        public static Verdict refused(String reason) {
            return new Verdict(Optional.empty(), reason.isEmpty() ? "refused" : reason);
        }
    }
}
