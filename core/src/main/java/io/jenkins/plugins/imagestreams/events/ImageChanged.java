package io.jenkins.plugins.imagestreams.events;

import io.jenkins.plugins.imagestreams.check.Require;
import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.stream.StreamName;
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
 */
public record ImageChanged(
        StreamName stream,
        String tag,
        Optional<Digest> oldDigest,
        Digest newDigest,
        String dockerImageReference,
        long generation) {
    public ImageChanged {
        Require.nonNull("stream, tag, oldDigest", stream, tag, oldDigest);
        Require.nonNull("newDigest, dockerImageReference", newDigest, dockerImageReference);
    }

    /** {@code namespace/stream:tag}. */
    public String streamTag() {
        return stream + ":" + tag;
    }
}
