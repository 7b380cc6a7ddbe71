package io.jenkins.plugins.imagestreams.registry.model;

import io.jenkins.plugins.imagestreams.reference.Digest;
import java.util.Objects;
import java.util.Optional;

/**
 * A reference from a manifest to a blob or to a child manifest, as the OCI descriptor defines it.
 *
 * @param platform present only for the children of an index that declare one
 */
public record Descriptor(String mediaType, Digest digest, long size, Optional<Platform> platform) {
    public Descriptor {
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(platform, "platform");
        if (size < 0) {
            throw new IllegalArgumentException("descriptor size must not be negative: " + size);
        }
    }

    public Descriptor(String mediaType, Digest digest, long size) {
        this(mediaType, digest, size, Optional.empty());
    }
}
