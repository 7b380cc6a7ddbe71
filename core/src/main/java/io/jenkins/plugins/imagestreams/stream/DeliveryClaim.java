package io.jenkins.plugins.imagestreams.stream;

import io.jenkins.plugins.imagestreams.check.Require;
import java.time.Instant;

/**
 * One instance's hold on delivering a tag's current image to one listener, saved by compare-and-set before the
 * delivery so that instances sharing a store deliver each event once: the others skip a tag while its claim is live.
 * A claim ends with the delivery's mark ({@link TagHistory#withDelivered}), a new digest, or its expiry ({@code
 * until}: at once after a failed delivery), after which any instance may claim the event again. A claim that takes
 * over a lapsed one counts one more {@code attempt}: the listener is told that an earlier delivery may have acted.
 *
 * @param listenerId the listener the event is for
 * @param holder the claiming instance, as {@code host/pid@start} (see {@code events.Instance})
 * @param until when the claim lapses if its holder has not marked it
 * @param attempt how many deliveries of this event to this listener this claim's is (1: the first)
 */
public record DeliveryClaim(String listenerId, String holder, Instant until, int attempt) {
    public DeliveryClaim {
        Require.nonNull("listenerId, holder, until", listenerId, holder, until);
        if (listenerId.isBlank() || holder.isBlank()) {
            throw new IllegalArgumentException("a delivery claim needs a listener id and a holder");
        }
        if (attempt < 1) {
            throw new IllegalArgumentException("a delivery claim's attempt counts from 1, not " + attempt);
        }
    }

    /** The claim of a first delivery. */
    public DeliveryClaim(String listenerId, String holder, Instant until) {
        this(listenerId, holder, until, 1);
    }

    /** The same delivery held by {@code holder} until {@code until}. */
    public DeliveryClaim heldBy(String holder, Instant until) {
        return new DeliveryClaim(listenerId, holder, until, attempt);
    }

    /** The claim of the next delivery after this one, held by {@code holder} until {@code until}. */
    public DeliveryClaim retriedBy(String holder, Instant until) {
        return new DeliveryClaim(listenerId, holder, until, attempt + 1);
    }

    /** Whether {@code holder} saved this claim to last until {@code until}. */
    public boolean isHold(String holder, Instant until) {
        return this.holder.equals(holder) && this.until.equals(until);
    }

    /** Whether the claim still holds at {@code now}. */
    public boolean liveAt(Instant now) {
        return until.isAfter(now);
    }
}
