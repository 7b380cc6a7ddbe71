package io.jenkins.plugins.imagestreams.events;

import io.jenkins.plugins.imagestreams.check.Require;
import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A stream tag now points at a different image.
 *
 * @param stream the stream
 * @param tag the tag
 * @param oldDigest the image before ({@code items[1]}), empty for the tag's first image
 * @param newDigest the image now ({@code items[0]})
 * @param dockerImageReference the pinned pull spec of the new image, {@code registry/repository@sha256:…}
 * @param generation the stream generation that recorded it
 * @param attempt which delivery of this change to the listener this is: 1 the first; more when an earlier delivery
 *     failed or its instance died before recording it, so the listener may have acted on it already
 */
public record ImageChanged(
        StreamName stream,
        String tag,
        Optional<Digest> oldDigest,
        Digest newDigest,
        String dockerImageReference,
        long generation,
        int attempt) {
    /** Hex characters of {@link #deliveryId()}: 128 bits. */
    private static final int DELIVERY_ID_LENGTH = 32;

    public ImageChanged {
        Require.nonNull("stream, tag, oldDigest", stream, tag, oldDigest);
        Require.nonNull("newDigest, dockerImageReference", newDigest, dockerImageReference);
        if (attempt < 1) {
            throw new IllegalArgumentException("a delivery attempt counts from 1, not " + attempt);
        }
    }

    /** The first delivery of a change. */
    public ImageChanged(
            StreamName stream,
            String tag,
            Optional<Digest> oldDigest,
            Digest newDigest,
            String dockerImageReference,
            long generation) {
        this(stream, tag, oldDigest, newDigest, dockerImageReference, generation, 1);
    }

    /** {@code namespace/stream:tag}. */
    public String streamTag() {
        return stream + ":" + tag;
    }

    /** The same change as delivery {@code attempt}. */
    public ImageChanged asAttempt(int attempt) {
        return new ImageChanged(stream, tag, oldDigest, newDigest, dockerImageReference, generation, attempt);
    }

    /**
     * The same on every delivery of this change, by any instance, and different for every other change (another tag,
     * digest, or a later return to the same digest): a key for listeners whose action must happen once, such as a
     * command that records what it has done under this name. 32 lowercase hex characters.
     */
    public String deliveryId() {
        String change = streamTag() + "@" + newDigest + "#" + generation;
        return Digest.sha256(change.getBytes(StandardCharsets.UTF_8)).hex().substring(0, DELIVERY_ID_LENGTH);
    }
}
