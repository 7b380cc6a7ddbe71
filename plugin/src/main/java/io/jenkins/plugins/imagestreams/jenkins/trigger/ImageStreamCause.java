package io.jenkins.plugins.imagestreams.jenkins.trigger;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Cause;
import io.jenkins.plugins.imagestreams.events.ImageChanged;
import java.util.Objects;

/** "app-dev/myapp:latest changed sha256:abc… → sha256:def…": the build runs for a new image of a stream tag. */
public final class ImageStreamCause extends Cause {
    private final String stream;
    private final String tag;
    private final String digest;
    private final String previousDigest;
    private final String reference;
    /** The change's {@link ImageChanged#deliveryId()}; null in builds recorded before it was kept. */
    private final String deliveryId;

    public ImageStreamCause(String stream, String tag, String digest, String previousDigest, String reference) {
        this(stream, tag, digest, previousDigest, reference, null);
    }

    public ImageStreamCause(
            String stream, String tag, String digest, String previousDigest, String reference, String deliveryId) {
        this.stream = Objects.requireNonNull(stream, "stream");
        this.tag = Objects.requireNonNull(tag, "tag");
        this.digest = Objects.requireNonNull(digest, "digest");
        this.previousDigest = previousDigest;
        this.reference = Objects.requireNonNull(reference, "reference");
        this.deliveryId = deliveryId;
    }

    /** The cause of a build started for {@code event}. */
    public static ImageStreamCause of(ImageChanged event) {
        return new ImageStreamCause(
                event.stream().toString(),
                event.tag(),
                event.newDigest().toString(),
                event.oldDigest().map(Object::toString).orElse(null),
                event.dockerImageReference(),
                event.deliveryId());
    }

    /** {@code namespace/stream}. */
    public String getStream() {
        return stream;
    }

    public String getTag() {
        return tag;
    }

    public String getDigest() {
        return digest;
    }

    /** The digest before, or null for the tag's first image. */
    public String getPreviousDigest() {
        return previousDigest;
    }

    /** The pinned pull spec of the new image. */
    public String getReference() {
        return reference;
    }

    /** The same for every delivery of the change this build started for; null for builds from before it was kept. */
    @CheckForNull
    public String getDeliveryId() {
        return deliveryId;
    }

    @Override
    public String getShortDescription() {
        String streamTag = stream + ":" + tag;
        return previousDigest == null
                ? Messages.ImageStreamCause_First(streamTag, shortDigest(digest))
                : Messages.ImageStreamCause_Changed(streamTag, shortDigest(previousDigest), shortDigest(digest));
    }

    /** {@code sha256:} and the first 12 hex characters, with an ellipsis. */
    static String shortDigest(String digest) {
        int colon = digest.indexOf(':');
        return digest.length() > colon + 13 ? digest.substring(0, colon + 13) + "…" : digest;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageStreamCause other
                && stream.equals(other.stream)
                && tag.equals(other.tag)
                && digest.equals(other.digest)
                && Objects.equals(previousDigest, other.previousDigest);
    }

    @Override
    public int hashCode() {
        return Objects.hash(stream, tag, digest, previousDigest);
    }
}
