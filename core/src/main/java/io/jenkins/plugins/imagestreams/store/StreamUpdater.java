package io.jenkins.plugins.imagestreams.store;

import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.ImageStreamSpec;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.Versioned;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
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
        return update(name, Optional.empty(), change);
    }

    /**
     * Saves a new stream {@code name} with {@code spec} unless the store has one; losing the race to another writer
     * that creates it first is not an error.
     *
     * @return whether this call created the stream
     */
    public boolean createIfMissing(StreamName name, ImageStreamSpec spec) {
        if (store.load(name).isPresent()) {
            return false;
        }
        try {
            store.save(ImageStream.create(name, spec), StreamStore.NEW);
            return true;
        } catch (ConflictException raced) {
            return false;
        }
    }

    /**
     * As {@link #update(StreamName, UnaryOperator)}, starting from {@code loaded}, a version the caller has just read,
     * instead of reading the stream again; a save that finds a newer version reads it and reapplies {@code change}.
     * When {@code change} leaves {@code loaded} as it is, nothing is read or written and {@code loaded} is returned.
     */
    public Optional<Versioned<ImageStream>> update(Versioned<ImageStream> loaded, UnaryOperator<ImageStream> change) {
        return update(loaded.value().name(), Optional.of(loaded), change);
    }

    /**
     * As {@link #update(Versioned, UnaryOperator)}, from {@code loaded} when the caller has just read the stream
     * (empty when it found none), and creating the stream when it is not stored: {@code change} applied to {@code
     * ifMissing} is saved as a new stream, so one save creates and changes it.
     *
     * @return the stream as stored afterwards
     */
    public Versioned<ImageStream> updateOrCreate(
            Optional<Versioned<ImageStream>> loaded, ImageStream ifMissing, UnaryOperator<ImageStream> change) {
        return update(ifMissing.name(), loaded, Optional.of(ifMissing), change).orElseThrow();
    }

    private Optional<Versioned<ImageStream>> update(
            StreamName name, Optional<Versioned<ImageStream>> loaded, UnaryOperator<ImageStream> change) {
        return update(name, loaded, Optional.empty(), change);
    }

    private Optional<Versioned<ImageStream>> update(
            StreamName name,
            Optional<Versioned<ImageStream>> loaded,
            Optional<ImageStream> ifMissing,
            UnaryOperator<ImageStream> change) {
        for (int attempt = 1; ; attempt++) {
            Optional<Versioned<ImageStream>> stored =
                    attempt == 1 && (loaded.isPresent() || ifMissing.isPresent()) ? loaded : store.load(name);
            if (stored.isEmpty() && ifMissing.isEmpty()) {
                return Optional.empty();
            }
            ImageStream before = stored.map(Versioned::value).orElseGet(ifMissing::get);
            ImageStream after = change.apply(before);
            if (after == before && stored.isPresent()) {
                return stored;
            }
            if (!after.name().equals(name)) {
                throw new IllegalArgumentException("a change of stream " + name + " returned stream " + after.name());
            }
            try {
                long expected = stored.map(Versioned::version).orElse(StreamStore.NEW);
                return Optional.of(new Versioned<>(after, store.save(after, expected)));
            } catch (ConflictException e) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
                backOff(attempt);
            }
        }
    }

    /**
     * Waits a random while before attempt {@code attempt + 1}, up to 2^attempt ms (at most 256 ms), so that writers who
     * keep colliding, as several processes on one stream do, stop colliding in step.
     */
    private static void backOff(int attempt) {
        long bound = 1L << Math.min(attempt, 8);
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(bound + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while retrying a conflicting update", e);
        }
    }
}
