package io.jenkins.plugins.imagestreams.stream;

import io.jenkins.plugins.imagestreams.check.Require;
import java.time.Instant;

/**
 * One instance's hold on delivering a tag's current image to one listener, saved by compare-and-set before the
 * delivery so that instances sharing a store deliver each event once: the others skip a tag while its claim is live.
 * A claim ends with the delivery's mark ({@link TagHistory#withDelivered}), its release after a failed delivery, a new
 * digest, or its expiry ({@code until}), after which any instance may claim the event again.
 *
 * @param listenerId the listener the event is for
 * @param holder the claiming instance, as {@code host/pid@start} (see {@code events.Instance})
 * @param until when the claim lapses if its holder has neither marked nor released it
 */
public record DeliveryClaim(String listenerId, String holder, Instant until) {
    public DeliveryClaim {
        Require.nonNull("listenerId, holder, until", listenerId, holder, until);
        if (listenerId.isBlank() || holder.isBlank()) {
            throw new IllegalArgumentException("a delivery claim needs a listener id and a holder");
        }
    }

    /** Whether the claim still holds at {@code now}. */
    public boolean liveAt(Instant now) {
        return until.isAfter(now);
    }
}
