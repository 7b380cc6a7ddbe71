package io.jenkins.plugins.imagestreams.manifest;

import io.jenkins.plugins.imagestreams.service.StreamDefinition;
import java.util.List;

/**
 * What a manifest file defines.
 *
 * @param streams the image streams, in file order
 * @param warnings what was read but not taken (objects of other kinds) or is taken differently from OpenShift, one
 *     line each, naming the document; for the caller to show
 */
public record Manifests(List<StreamDefinition> streams, List<String> warnings) {
    public Manifests {
        streams = List.copyOf(streams);
        warnings = List.copyOf(warnings);
    }
}
