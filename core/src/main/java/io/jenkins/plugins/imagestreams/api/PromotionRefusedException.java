package io.jenkins.plugins.imagestreams.api;

import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import java.util.List;

/**
 * A promotion gate refused the image: it was never in the history of the upstream stream tag the gate names. Nothing
 * was copied, tagged or recorded.
 */
public class PromotionRefusedException extends PromotionException {
    private static final long serialVersionUID = 1L;

    private final transient Gate gate;
    private final transient Digest image;
    private final transient List<Digest> upstreamImages;

    public PromotionRefusedException(Gate gate, Digest image, List<Digest> upstreamImages, String message) {
        super(message);
        this.gate = gate;
        this.image = image;
        this.upstreamImages = List.copyOf(upstreamImages);
    }

    /** The gate that refused. */
    public Gate gate() {
        return gate;
    }

    /** The digest that was to be promoted. */
    public Digest image() {
        return image;
    }

    /** The digests in the upstream tag's history, newest first; empty if it had none or does not exist. */
    public List<Digest> upstreamImages() {
        return upstreamImages;
    }

    /**
     * One promotion gate: the image must be in {@code upstream}'s history.
     *
     * @param upstream the stream tag that must have had the image
     * @param origin where the gate comes from: {@code "the target tag's requireFrom"} or {@code "this promotion's
     *     requireFrom"}
     */
    public record Gate(TagSource.ImageStreamTag upstream, String origin) {
        @Override
        public String toString() {
            return "requireFrom " + upstream + " (" + origin + ")";
        }
    }
}
