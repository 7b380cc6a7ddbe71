package io.jenkins.plugins.imagestreams.stream;

import java.util.Objects;

/**
 * A stored value with the version it was stored under; pass the version back to
 * {@link io.jenkins.plugins.imagestreams.store.StreamStore#save} to update it.
 *
 * @param value the value
 * @param version the store's {@code resourceVersion}, from 1
 */
public record Versioned<T>(T value, long version) {
    public Versioned {
        Objects.requireNonNull(value, "value");
        if (version < 1) {
            throw new IllegalArgumentException("a stored version is at least 1, was " + version);
        }
    }
}
