package io.jenkins.plugins.imagestreams.registry.model;

import java.util.Objects;
import java.util.Optional;

/**
 * The platform of one manifest in an index: {@code linux/amd64}, {@code linux/arm64/v8}.
 *
 * @param variant {@code null} when the platform has none
 */
public record Platform(String os, String architecture, String variant) {
    public Platform {
        requirePart(os, "os");
        requirePart(architecture, "architecture");
        if (variant != null && variant.isEmpty()) {
            variant = null;
        }
        if (variant != null) {
            requirePart(variant, "variant");
        }
    }

    /**
     * Parses {@code os/architecture[/variant]}.
     *
     * @throws IllegalArgumentException when there are fewer than two or more than three non-empty parts
     */
    public static Platform parse(String text) {
        String[] parts = Objects.requireNonNull(text, "platform").split("/", -1);
        if (parts.length < 2 || parts.length > 3) {
            throw new IllegalArgumentException(
                    "platform '" + text + "' must be os/architecture[/variant], such as linux/arm64/v8");
        }
        return new Platform(parts[0], parts[1], parts.length == 3 ? parts[2] : null);
    }

    private static void requirePart(String part, String name) {
        if (part == null || part.isEmpty() || part.contains("/")) {
            throw new IllegalArgumentException("platform " + name + " must be non-empty and contain no '/'");
        }
    }

    public Optional<String> variantIfAny() {
        return Optional.ofNullable(variant);
    }

    /** {@code os/architecture[/variant]}, the form {@link #parse} reads. */
    @Override
    public String toString() {
        return os + "/" + architecture + (variant == null ? "" : "/" + variant);
    }
}
