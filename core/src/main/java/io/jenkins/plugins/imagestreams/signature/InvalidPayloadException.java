package io.jenkins.plugins.imagestreams.signature;

/** A simple-signing payload that breaks the format; the message names the field and what it must be. */
public class InvalidPayloadException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidPayloadException(String message) {
        super(message);
    }
}
