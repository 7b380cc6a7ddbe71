package io.jenkins.plugins.imagestreams.service;

import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.Versioned;
import java.util.List;
import java.util.Map;

/**
 * Streams read from the store, by name.
 *
 * @param stored those that could be read, with their versions, sorted by name
 * @param unreadable those that could not, with the reason
 */
public record StreamList(List<Versioned<ImageStream>> stored, Map<StreamName, String> unreadable) {
    public StreamList {
        stored = List.copyOf(stored);
        unreadable = Map.copyOf(unreadable);
    }

    /** The streams that could be read, sorted by name. */
    public List<ImageStream> streams() {
        return stored.stream().map(Versioned::value).toList();
    }
}
