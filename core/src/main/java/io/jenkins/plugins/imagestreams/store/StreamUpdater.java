package io.jenkins.plugins.imagestreams.store;

import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Read-modify-write of one stream with optimistic retries: the change is a function of the stored stream, reapplied
 * to the newest version after each conflict.
 */
public final class StreamUpdater {
    /** How often a change is reapplied after losing a race before the conflict is reported. */
    public static final int MAX_ATTEMPTS = 10;

    private final StreamStore store;

    public StreamUpdater(StreamStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * Applies {@code change} to the stored stream and saves the result, unless {@code change} returns the same
     * instance (nothing changed: no write).
     *
     * @return the stream as stored afterwards, or empty if there is no stream {@code name}
     * @throws ConflictException after {@value #MAX_ATTEMPTS} lost races
     * @throws CorruptStreamException if the stored stream cannot be read
     */
    public Optional<Versioned<ImageStream>> update(StreamName name, UnaryOperator<ImageStream> change) {
        for (int attempt = 1; ; attempt++) {
            Optional<Versioned<ImageStream>> stored = store.load(name);
            if (stored.isEmpty()) {
                return Optional.empty();
            }
            ImageStream before = stored.get().value();
            ImageStream after = change.apply(before);
            if (after == before) {
                return stored;
            }
            if (!after.name().equals(name)) {
                throw new IllegalArgumentException("a change of stream " + name + " returned stream " + after.name());
            }
            try {
                return Optional.of(
                        new Versioned<>(after, store.save(after, stored.get().version())));
            } catch (ConflictException e) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
