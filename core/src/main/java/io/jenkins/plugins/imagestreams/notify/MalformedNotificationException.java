package io.jenkins.plugins.imagestreams.notify;

/**
 * A notification body that is not the JSON its registry documents: not JSON at all, a required field missing, or a
 * field of the wrong type or grammar. The message names the source and the field, never the whole body.
 *
 * <p>Parsers throw only this exception for bad input, so a receiver can answer {@code 400} for every kind of garbage.
 */
public class MalformedNotificationException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedNotificationException(String message) {
        super(message);
    }

    public MalformedNotificationException(String message, Throwable cause) {
        super(message, cause);
    }
}
