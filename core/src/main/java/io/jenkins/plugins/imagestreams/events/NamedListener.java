package io.jenkins.plugins.imagestreams.events;

import io.jenkins.plugins.imagestreams.stream.ImageStream;
import java.time.Duration;
import java.util.Objects;

/** A listener delivered to under another id ({@link ImageChangeListener#as}). */
record NamedListener(String id, ImageChangeListener listener) implements ImageChangeListener {
    NamedListener {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(listener, "listener");
    }

    @Override
    public void imageChanged(ImageChanged event) throws Exception {
        listener.imageChanged(event);
    }

    @Override
    public boolean wants(ImageStream stream, String tag) {
        return listener.wants(stream, tag);
    }

    @Override
    public Duration deliveryTimeout() {
        return listener.deliveryTimeout();
    }
}
