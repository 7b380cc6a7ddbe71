package io.jenkins.plugins.imagestreams.api;

import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.registry.model.AttachmentTags;
import java.util.Objects;
import java.util.Optional;

/**
 * Something attached to an image that a copy carried along, digest unchanged: a sigstore/cosign signature,
 * attestation or SBOM under its tag, or an OCI 1.1 referrer (a manifest whose {@code subject} is the image).
 *
 * @param kind what it is
 * @param subject the digest of the manifest or index it is attached to
 * @param digest the attachment's own manifest digest, the same at source and target
 * @param mediaType the attachment manifest's media type
 * @param tag the cosign tag it is found under ({@code sha256-<hex>.sig}); empty for a referrer, which is found by
 *     digest
 * @param artifactType a referrer's artifact type (its {@code artifactType}, else its config's media type); empty for
 *     cosign attachments and for an index without one
 */
public record Attachment(
        Kind kind,
        Digest subject,
        Digest digest,
        String mediaType,
        Optional<String> tag,
        Optional<String> artifactType) {
    /** The kinds of attachment a copy carries. */
    public enum Kind {
        /** Under the cosign tag {@code sha256-<hex>.sig}. */
        SIGNATURE,
        /** Under the cosign tag {@code sha256-<hex>.att}. */
        ATTESTATION,
        /** Under the cosign tag {@code sha256-<hex>.sbom}. */
        SBOM,
        /** A manifest whose {@code subject} names the image, listed by the referrers API or the referrers tag. */
        REFERRER;

        /** The kind held under {@code tags}' cosign tag. */
        public static Kind of(AttachmentTags tags) {
            return switch (tags) {
                case SIGNATURE -> SIGNATURE;
                case ATTESTATION -> ATTESTATION;
                case SBOM -> SBOM;
            };
        }
    }

    public Attachment {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(artifactType, "artifactType");
        if (tag.isPresent() == (kind == Kind.REFERRER)) {
            throw new IllegalArgumentException("attachment " + digest + " of " + subject + " is a " + kind
                    + (tag.isPresent() ? " but has a tag, " + tag.get() : " but has no tag")
                    + "; cosign attachments have a tag, referrers none");
        }
    }

    /** A cosign attachment of {@code subject}, found under {@code tag}. */
    public static Attachment tagged(Kind kind, Digest subject, String tag, Digest digest, String mediaType) {
        return new Attachment(kind, subject, digest, mediaType, Optional.of(tag), Optional.empty());
    }

    /** A referrer of {@code subject}. */
    public static Attachment referrer(Digest subject, Digest digest, String mediaType, Optional<String> artifactType) {
        return new Attachment(Kind.REFERRER, subject, digest, mediaType, Optional.empty(), artifactType);
    }
}
