package io.jenkins.plugins.imagestreams.registry.model;

import io.jenkins.plugins.imagestreams.reference.Digest;
import java.util.Objects;

/**
 * The tags under which things attached to an image are found in the image's own repository, named after the image's
 * digest: the sigstore/cosign tags ({@code sha256-<hex>.sig}, {@code .att}, {@code .sbom}) and the OCI distribution
 * spec 1.1 referrers tag schema ({@code sha256-<hex>}, an index of the manifests whose {@code subject} is the digest,
 * kept by clients where a registry has no referrers API).
 */
public enum AttachmentTags {
    /** Signatures: one simple-signing payload per layer. */
    SIGNATURE(".sig"),
    /** In-toto attestations. */
    ATTESTATION(".att"),
    /** Software bills of materials. */
    SBOM(".sbom");

    /** The referrers tag schema cuts a digest's encoded part to this many characters. */
    private static final int ENCODED_MAX = 64;

    private final String suffix;

    AttachmentTags(String suffix) {
        this.suffix = suffix;
    }

    /**
     * The tag holding this kind of attachment of {@code image}: {@code sha256-<hex>.sig}, the tag cosign writes for a
     * sha256 digest.
     */
    public String tagFor(Digest image) {
        return referrersTag(image) + suffix;
    }

    /** The suffix after the digest: {@code .sig}, {@code .att} or {@code .sbom}. */
    public String suffix() {
        return suffix;
    }

    /**
     * The referrers tag schema's tag for {@code subject}: {@code <algorithm>-<hex>}, the hex cut to its first 64
     * characters as the schema says (a {@code sha512} digest's full hex would make a tag longer than tags may be).
     */
    public static String referrersTag(Digest subject) {
        Objects.requireNonNull(subject, "subject");
        String hex = subject.hex();
        return subject.algorithm() + "-" + hex.substring(0, Math.min(hex.length(), ENCODED_MAX));
    }
}
