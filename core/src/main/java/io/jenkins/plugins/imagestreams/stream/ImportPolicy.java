package io.jenkins.plugins.imagestreams.stream;

import java.util.Objects;

/**
 * How a {@code DockerImage} tag is imported ({@code importPolicy}).
 *
 * @param scheduled re-import periodically
 * @param insecure allow plain HTTP or unverified TLS for this registry
 * @param importMode whole index or one platform
 */
public record ImportPolicy(boolean scheduled, boolean insecure, ImportMode importMode) {
    /** Not scheduled, secure, {@link ImportMode#PRESERVE_ORIGINAL}. */
    public static final ImportPolicy DEFAULT = new ImportPolicy(false, false, ImportMode.PRESERVE_ORIGINAL);

    public ImportPolicy {
        Objects.requireNonNull(importMode, "importMode");
    }

    public ImportPolicy withScheduled(boolean value) {
        return new ImportPolicy(value, insecure, importMode);
    }

    public ImportPolicy withInsecure(boolean value) {
        return new ImportPolicy(scheduled, value, importMode);
    }

    public ImportPolicy withImportMode(ImportMode value) {
        return new ImportPolicy(scheduled, insecure, value);
    }
}
