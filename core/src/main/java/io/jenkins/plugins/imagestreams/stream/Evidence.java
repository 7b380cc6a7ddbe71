package io.jenkins.plugins.imagestreams.stream;

import io.jenkins.plugins.imagestreams.check.Require;
import io.jenkins.plugins.imagestreams.reference.Digest;
import java.util.ArrayList;
import java.util.List;

/**
 * What was known of an image's provenance when it entered a tag: the signatures verified by a {@code requireSignature}
 * gate and the things attached to it (signatures, attestations, SBOMs, OCI referrers) that a copy carried.
 *
 * @param signatures the signatures that satisfied a gate, or that a promotion wrote
 * @param attachments what is attached to the image and was carried with it
 */
public record Evidence(List<Signature> signatures, List<Attachment> attachments) {
    /** Nothing verified, nothing attached. */
    public static final Evidence NONE = new Evidence(List.of(), List.of());

    public Evidence {
        signatures = List.copyOf(signatures);
        attachments = List.copyOf(attachments);
    }

    /** Whether there is nothing to show. */
    public boolean isEmpty() {
        return signatures.isEmpty() && attachments.isEmpty();
    }

    /** This evidence and {@code other}'s, each item once. */
    public Evidence plus(Evidence other) {
        return new Evidence(union(signatures, other.signatures), union(attachments, other.attachments));
    }

    /** This evidence with {@code signature} added. */
    public Evidence plus(Signature signature) {
        return plus(new Evidence(List.of(signature), List.of()));
    }

    private static <T> List<T> union(List<T> first, List<T> second) {
        List<T> all = new ArrayList<>(first);
        second.stream().filter(s -> !all.contains(s)).forEach(all::add);
        return all;
    }

    /**
     * A simple-signing signature of the image.
     *
     * @param keyId the public key's id, {@code SHA256:<hex>} of its encoded form
     * @param identity the {@code docker-reference} the signature names
     * @param attachment the digest of the signature manifest (the {@code sha256-<hex>.sig} tag) holding it
     * @param origin {@code verified} when a gate checked it, {@code written} when a promotion signed the image
     */
    public record Signature(String keyId, String identity, Digest attachment, String origin) {
        public static final String VERIFIED = "verified";
        public static final String WRITTEN = "written";

        public Signature {
            Require.nonNull("keyId, identity, attachment, origin", keyId, identity, attachment, origin);
        }

        @Override
        public String toString() {
            return origin + " signature by key " + keyId + " for " + identity + " (" + attachment.shortForm() + ")";
        }
    }

    /**
     * One thing attached to the image.
     *
     * @param kind {@code signature}, {@code attestation}, {@code sbom} (the cosign tags) or {@code referrer} (an OCI
     *     1.1 manifest whose subject is the image)
     * @param subject the digest it is attached to: the image, or a child of its index
     * @param digest its own manifest's digest, the same in every repository it was carried to
     * @param name the tag it lives under ({@code sha256-<hex>.sig}) or, for a referrer, its artifact type
     */
    public record Attachment(String kind, Digest subject, Digest digest, String name) {
        public Attachment {
            Require.nonNull("kind, subject, digest, name", kind, subject, digest, name);
        }

        @Override
        public String toString() {
            return kind + " " + digest.shortForm() + (name.isEmpty() ? "" : " (" + name + ")") + " of "
                    + subject.shortForm();
        }
    }
}
