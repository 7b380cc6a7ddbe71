package io.jenkins.plugins.imagestreams.jenkins.web;

import hudson.model.ModelObject;
import io.jenkins.plugins.imagestreams.jenkins.runtime.ImageStreamsRuntime;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import org.kohsuke.stapler.HttpResponses;

/**
 * The URL step between the streams list and a stream page: {@code stream/<namespace>/<name>/}. A {@link ModelObject},
 * so that Stapler routes through it (it only routes to types it deems web-facing).
 */
public final class NamespaceView implements ModelObject {
    private final String namespace;

    NamespaceView(String namespace) {
        this.namespace = namespace;
    }

    public String getNamespace() {
        return namespace;
    }

    @Override
    public String getDisplayName() {
        return namespace;
    }

    /** The page of stream {@code name}; 404 when it is not stored. */
    public StreamPage getDynamic(String name) {
        StreamName streamName;
        try {
            streamName = StreamName.of(namespace, name);
        } catch (IllegalArgumentException e) {
            throw HttpResponses.notFound();
        }
        return ImageStreamsRuntime.get()
                .running()
                .flatMap(s -> s.service.stream(streamName))
                .map(StreamPage::new)
                .orElseThrow(HttpResponses::notFound);
    }
}
