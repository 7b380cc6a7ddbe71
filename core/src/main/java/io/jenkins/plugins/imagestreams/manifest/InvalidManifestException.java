package io.jenkins.plugins.imagestreams.manifest;

/** A manifest that cannot be read as stream definitions; the message names the source, document and field. */
public final class InvalidManifestException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    InvalidManifestException(String message) {
        super(message);
    }

    InvalidManifestException(String message, Throwable cause) {
        super(message, cause);
    }
}
