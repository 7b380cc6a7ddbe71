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
 */
public record CopyOptions(Optional<Platform> platform, CopyListener listener) {
    public CopyOptions {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(listener, "listener");
    }

    /** The whole image, no progress reports. */
    public static CopyOptions defaults() {
        return new CopyOptions(Optional.empty(), CopyListener.NONE);
    }

    public CopyOptions withPlatform(Platform only) {
        return new CopyOptions(Optional.of(only), listener);
    }

    public CopyOptions withListener(CopyListener newListener) {
        return new CopyOptions(platform, newListener);
    }
}
