package io.jenkins.plugins.imagestreams.service;

import io.jenkins.plugins.imagestreams.stream.ImageStreamSpec;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import java.util.Objects;

/** A stream as a config file or the Jenkins configuration defines it: its name and the spec it asks for. */
public record StreamDefinition(StreamName name, ImageStreamSpec spec) {
    public StreamDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(spec, "spec");
    }
}
