package io.jenkins.plugins.imagestreams.api;

import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.stream.SignaturePolicy;
import io.jenkins.plugins.imagestreams.stream.TagCondition;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import io.jenkins.plugins.imagestreams.time.Durations;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A gate refused the image: it was never in the history of the upstream stream tag a {@code requireFrom} gate names,
 * not there long enough for a {@code minimumAge} gate, or not signed as a {@code requireSignature} gate asks. Nothing
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

    /** The digests in the upstream tag's history, newest first; empty if it had none, does not exist or is not asked. */
    public List<Digest> upstreamImages() {
        return upstreamImages;
    }

    /** The reason an import records for this refusal: {@code SignatureRequired} or {@code GateRefused}. */
    public String reason() {
        return gate instanceof Gate.RequireSignature ? TagCondition.SIGNATURE_REQUIRED : TagCondition.GATE_REFUSED;
    }

    /** One gate an image must pass to enter a tag. */
    public sealed interface Gate {
        /** Where the gate comes from: {@code "the target tag's requireFrom"}, {@code "this promotion's requireFrom"}, … */
        String origin();

        /** What passing it means for {@code image}, as a person reads it. */
        String passed(Digest image);

        /**
         * The image must be in {@code upstream}'s history.
         *
         * @param upstream the stream tag that must have had the image
         */
        record RequireFrom(TagSource.ImageStreamTag upstream, String origin) implements Gate {
            public RequireFrom {
                Objects.requireNonNull(upstream, "upstream");
                Objects.requireNonNull(origin, "origin");
            }

            @Override
            public String passed(Digest image) {
                return upstream + " had " + image;
            }

            @Override
            public String toString() {
                return "requireFrom " + upstream + " (" + origin + ")";
            }
        }

        /**
         * The image must have been in {@code upstream}'s history for at least {@code age}, from its first entry there.
         */
        record MinimumAge(Duration age, TagSource.ImageStreamTag upstream, String origin) implements Gate {
            public MinimumAge {
                Objects.requireNonNull(age, "age");
                Objects.requireNonNull(upstream, "upstream");
                Objects.requireNonNull(origin, "origin");
            }

            @Override
            public String passed(Digest image) {
                return image + " has been in " + upstream + " for at least " + Durations.format(age);
            }

            @Override
            public String toString() {
                return "minimumAge " + Durations.format(age) + " in " + upstream + " (" + origin + ")";
            }
        }

        /** The image must carry a signature by one of the policy's keys, for an identity the policy accepts. */
        record RequireSignature(SignaturePolicy policy, String origin) implements Gate {
            public RequireSignature {
                Objects.requireNonNull(policy, "policy");
                Objects.requireNonNull(origin, "origin");
            }

            @Override
            public String passed(Digest image) {
                return image + " is signed by a trusted key";
            }

            @Override
            public String toString() {
                return "requireSignature (" + policy.publicKeys().size() + " key"
                        + (policy.publicKeys().size() == 1 ? "" : "s") + ", identity " + policy.identity() + ", "
                        + origin + ")";
            }
        }
    }
}
