package io.jenkins.plugins.imagestreams.events;

import io.jenkins.plugins.imagestreams.stream.ImageStream;
import java.time.Duration;

/**
 * Receives {@link ImageChanged} events from an {@link EventDispatcher}.
 *
 * <p>Each listener has a stable {@link #id()}: the dispatcher records per tag which ids have received the event for
 * the tag's current digest, so a listener gets each (stream, tag, digest) once, also across restarts. A listener that
 * throws has not received the event; it is offered again on the next delivery run.
 */
public interface ImageChangeListener {
    /** Stable across restarts and unique among the dispatcher's listeners, such as {@code jenkins-triggers}. */
    String id();

    /**
     * Handles one change. Called after the change is stored, on the dispatcher's calling thread.
     *
     * @throws Exception to have the event offered again later
     */
    void imageChanged(ImageChanged event) throws Exception;

    /**
     * Whether a change of {@code tag} of {@code stream} is anything to this listener. A change it does not want is
     * neither offered to it nor marked as received by it, so a delivery run in which no listener wants a change claims
     * and saves nothing. Asked at each delivery run, so a listener that wants a tag later is offered its current
     * image then. Default: every change.
     */
    default boolean wants(ImageStream stream, String tag) {
        return true;
    }

    /**
     * The longest one {@link #imageChanged} call may take: instances sharing a store hold their claim on an event
     * this long (plus a margin) before another may deliver it again. Default: one minute.
     */
    default Duration deliveryTimeout() {
        return Duration.ofMinutes(1);
    }

    /**
     * This listener under {@code id}. Instances sharing a store deliver each change once per listener id; a listener
     * that acts only within its own instance (a Jenkins controller's build triggers start that controller's jobs) takes
     * an id of its own instance there, so that every instance's gets each change.
     */
    default ImageChangeListener as(String id) {
        return new NamedListener(id, this);
    }
}
