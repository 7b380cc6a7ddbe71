package io.jenkins.plugins.imagestreams.store;

import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.Versioned;
import java.util.List;
import java.util.Optional;

/**
 * Where image streams (spec and status) are kept, with optimistic concurrency: every save names the version it
 * read, and a save over a newer version fails instead of overwriting it. Implementations are safe for concurrent use,
 * also by several processes sharing the same storage.
 */
public interface StreamStore {
    /** {@link #save} with this expected version creates a stream that must not exist yet. */
    long NEW = 0;

    /**
     * The stream and its version, or empty if there is none.
     *
     * @throws CorruptStreamException if the stored stream cannot be read
     * @throws StoreException if the storage fails
     */
    Optional<Versioned<ImageStream>> load(StreamName name);

    /**
     * The names of all stored streams, sorted; a stream that cannot be read is still listed (its {@link #load}
     * reports it).
     *
     * @throws StoreException if the storage fails
     */
    List<StreamName> list();

    /**
     * Stores {@code stream} if its stored version is still {@code expectedVersion} ({@link #NEW}: not stored yet).
     *
     * @return the new version
     * @throws ConflictException if someone else saved or deleted it since
     * @throws CorruptStreamException if the stored stream cannot be read; it is left as it is
     * @throws StoreException if the storage fails
     */
    long save(ImageStream stream, long expectedVersion);

    /**
     * Deletes the stream if its stored version is still {@code expectedVersion}.
     *
     * @throws ConflictException if it was saved since, or is gone
     * @throws StoreException if the storage fails
     */
    void delete(StreamName name, long expectedVersion);
}
