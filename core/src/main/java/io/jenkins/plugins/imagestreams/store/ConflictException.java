package io.jenkins.plugins.imagestreams.store;

import io.jenkins.plugins.imagestreams.stream.StreamName;

/** A save or delete lost a race: the stream was changed since it was read. Reload, reapply the change, save again. */
public class ConflictException extends StoreException {
    private static final long serialVersionUID = 1L;

    private final transient StreamName stream;
    private final long expectedVersion;
    private final long actualVersion;

    public ConflictException(StreamName stream, long expectedVersion, long actualVersion) {
        super("image stream " + stream + " was changed by someone else: expected version " + expectedVersion
                + " but the store has "
                + (actualVersion == 0 ? "none (deleted or not created)" : "version " + actualVersion)
                + "; reload it and apply the change again");
        this.stream = stream;
        this.expectedVersion = expectedVersion;
        this.actualVersion = actualVersion;
    }

    public StreamName stream() {
        return stream;
    }

    public long expectedVersion() {
        return expectedVersion;
    }

    /** The stored version, 0 if the stream is not stored. */
    public long actualVersion() {
        return actualVersion;
    }
}
