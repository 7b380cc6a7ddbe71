package io.jenkins.plugins.imagestreams.store;

/** The storage under a {@link StreamStore} failed (a disk error, permissions); the message names the file. */
public class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
