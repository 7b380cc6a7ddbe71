package io.jenkins.plugins.imagestreams.api;

/** A tag operation that cannot be done as asked: a missing stream, tag or image, or an alias across streams. */
public class TagException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TagException(String message) {
        super(message);
    }
}
