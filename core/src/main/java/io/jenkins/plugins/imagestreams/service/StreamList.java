package io.jenkins.plugins.imagestreams.service;

import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import java.util.List;
import java.util.Map;

/**
 * Streams read from the store, by name.
 *
 * @param streams those that could be read, sorted by name
 * @param unreadable those that could not, with the reason
 */
public record StreamList(List<ImageStream> streams, Map<StreamName, String> unreadable) {
    public StreamList {
        streams = List.copyOf(streams);
        unreadable = Map.copyOf(unreadable);
    }
}
