package io.jenkins.plugins.imagestreams.reference;

/** An image reference, digest or name that does not follow the distribution grammar; the message names the part. */
public class InvalidReferenceException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidReferenceException(String message) {
        super(message);
    }
}
