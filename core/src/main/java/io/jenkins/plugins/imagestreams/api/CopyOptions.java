package io.jenkins.plugins.imagestreams.api;

import io.jenkins.plugins.imagestreams.registry.model.Platform;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link io.jenkins.plugins.imagestreams.promote.ImageCopier#copy} copies.
 *
 * @param platform copy only this platform's manifest out of an index (the target then holds a single manifest with
 *     that child's digest); empty copies an index whole, every child included. A single manifest is copied as it is
 *     either way.
 * @param listener progress callbacks
 * @param attachments whether what is attached to the copied manifests (cosign signatures, attestations and SBOMs, OCI
 *     referrers) is carried along; on by default
 */
public record CopyOptions(Optional<Platform> platform, CopyListener listener, boolean attachments) {
    public CopyOptions {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(listener, "listener");
    }

    /** The whole image with what is attached to it, no progress reports. */
    public static CopyOptions defaults() {
        return new CopyOptions(Optional.empty(), CopyListener.NONE, true);
    }

    public CopyOptions withPlatform(Platform only) {
        return new CopyOptions(Optional.of(only), listener, attachments);
    }

    public CopyOptions withListener(CopyListener newListener) {
        return new CopyOptions(platform, newListener, attachments);
    }

    /** These options carrying attachments along, or ({@code false}) copying the image alone. */
    public CopyOptions withAttachments(boolean carry) {
        return new CopyOptions(platform, listener, carry);
    }
}
