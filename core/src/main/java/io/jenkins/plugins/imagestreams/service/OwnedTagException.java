package io.jenkins.plugins.imagestreams.service;

import io.jenkins.plugins.imagestreams.api.TagException;

/** A command would change a tag that stream definitions own; nothing was changed. */
public final class OwnedTagException extends TagException {
    private static final long serialVersionUID = 1L;

    private final String owner;

    OwnedTagException(String message, String owner) {
        super(message);
        this.owner = owner;
    }

    /** The definitions that own the tag (a config file, the Jenkins configuration). */
    public String owner() {
        return owner;
    }
}
