package io.jenkins.plugins.imagestreams.service;

import io.jenkins.plugins.imagestreams.api.TagException;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import java.util.List;

/** An operation names a stream the store does not hold. */
public final class StreamNotFoundException extends TagException {
    private static final long serialVersionUID = 1L;

    private final transient StreamName name;

    StreamNotFoundException(StreamName name, List<StreamName> known) {
        super("no image stream " + name
                + (known.isEmpty()
                        ? " (the store holds none yet; create one by importing or tagging)"
                        : "; the store holds "
                                + known.stream().map(StreamName::toString).toList()));
        this.name = name;
    }

    /** The missing stream. */
    public StreamName name() {
        return name;
    }
}
