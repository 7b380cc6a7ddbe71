package io.jenkins.plugins.imagestreams.events;

import io.jenkins.plugins.imagestreams.stream.StreamName;
import java.time.Duration;
import java.time.Instant;

/** What an {@link EventDispatcher} tells its owner about its deliveries; every method defaults to nothing. */
public interface DeliveryObserver {
    /** Observes nothing. */
    DeliveryObserver NONE = new DeliveryObserver() {};

    /**
     * A run left events of {@code stream} to another instance's live claims; the first of them lapses at
     * {@code lapses}, when a run should look again in case that instance died.
     */
    default void claimedElsewhere(StreamName stream, Instant lapses) {}

    /** {@code listenerId} received a change {@code lag} after the change was recorded. */
    default void delivered(String listenerId, Duration lag) {}
}
