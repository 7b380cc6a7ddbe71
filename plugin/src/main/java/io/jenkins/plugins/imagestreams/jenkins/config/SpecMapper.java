package io.jenkins.plugins.imagestreams.jenkins.config;

import io.jenkins.plugins.imagestreams.policy.TagPolicy;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.service.ImageStreamService;
import io.jenkins.plugins.imagestreams.stream.ImageStreamSpec;
import io.jenkins.plugins.imagestreams.stream.ImportMode;
import io.jenkins.plugins.imagestreams.stream.ImportPolicy;
import io.jenkins.plugins.imagestreams.stream.ReferencePolicy;
import io.jenkins.plugins.imagestreams.stream.SignaturePolicy;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import io.jenkins.plugins.imagestreams.stream.TagSpec;
import io.jenkins.plugins.imagestreams.time.Durations;
import io.jenkins.plugins.imagestreams.workload.WorkloadTarget;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Turns configuration beans into core values; nothing else. Every check is core's: its exceptions
 * ({@link io.jenkins.plugins.imagestreams.stream.InvalidStreamException}, {@link
 * io.jenkins.plugins.imagestreams.reference.InvalidReferenceException}, {@link
 * io.jenkins.plugins.imagestreams.policy.InvalidPolicyException}) name the field and the rule.
 */
public final class SpecMapper {
    private SpecMapper() {}

    /** The stream's name. */
    public static StreamName name(StreamDefinition stream) {
        return StreamName.of(stream.getNamespace(), stream.getName());
    }

    /** The stream's spec; a history limit of 0 means {@code defaultHistoryLimit}. */
    public static ImageStreamSpec spec(StreamDefinition stream, int defaultHistoryLimit) {
        Optional<ImageReference> repository = blank(stream.getRepository())
                ? Optional.empty()
                : Optional.of(ImageReference.parse(stream.getRepository().strip()));
        int limit = stream.getHistoryLimit() > 0 ? stream.getHistoryLimit() : defaultHistoryLimit;
        List<TagSpec> tags = stream.getTags().stream()
                .map(t -> tag(t, stream.getNamespace()))
                .toList();
        return new ImageStreamSpec(repository, limit, tags);
    }

    /** One spec tag; {@code namespace} is where a stream source without namespace lives. */
    public static TagSpec tag(TagDefinition tag, String namespace) {
        TagSpec.Builder spec = TagSpec.builder(tag.getName())
                .from(source(tag.getSourceKind(), tag.getSource(), namespace))
                .reference(tag.isReference())
                .alias(tag.isAlias())
                .importPolicy(new ImportPolicy(
                        tag.isScheduled(), tag.isInsecure(), ImportMode.fromWireName(tag.getImportMode())))
                .referencePolicy(ReferencePolicy.fromWireName(tag.getReferencePolicy()));
        if (!blank(tag.getTagPolicyType())) {
            spec.tagPolicy(TagPolicy.of(tag.getTagPolicyType(), tag.getTagPolicyValue(), tag.isIncludePrereleases()));
        }
        if (!blank(tag.getPromotionGate())) {
            spec.requireFrom(TagSource.ImageStreamTag.parse(tag.getPromotionGate(), namespace));
        }
        if (!blank(tag.getMinimumAge())) {
            spec.minimumAge(minimumAge(tag.getMinimumAge()));
        }
        if (!blank(tag.getSignatureKeys())) {
            spec.requireSignature(signaturePolicy(tag.getSignatureKeys(), tag.getSignatureIdentity()));
        }
        return spec.workloads(workloads(tag.getWorkloads())).build();
    }

    /**
     * A soak time as people write it: {@code 90m}, {@code 1h30m}, {@code 7d} or {@code PT24H}.
     *
     * @throws IllegalArgumentException naming the text and the forms expected
     */
    public static Duration minimumAge(String text) {
        return Durations.parse(text)
                .filter(d -> !d.isZero() && !d.isNegative())
                .orElseThrow(() -> new IllegalArgumentException("minimum age '" + text
                        + "' is not a positive duration; write it like 90m, 1h30m, 7d or PT24H"));
    }

    /**
     * A signature policy from PEM text holding one or more {@code PUBLIC KEY} blocks and an identity rule.
     *
     * @throws IllegalArgumentException naming what is wrong with the keys or the rule
     */
    public static SignaturePolicy signaturePolicy(String pem, String identity) {
        return ImageStreamService.checkSignaturePolicy(new SignaturePolicy(List.of(pem), identity), "signature keys");
    }

    /**
     * Workload targets, one {@code KIND/NAMESPACE/NAME[:CONTAINER]} (or {@code KIND/NAMESPACE/-l selector}) per
     * line; blank lines are skipped.
     *
     * @throws IllegalArgumentException naming the line that does not parse and the expected forms
     */
    public static List<WorkloadTarget> workloads(String text) {
        if (blank(text)) {
            return List.of();
        }
        return text.lines()
                .filter(line -> !line.isBlank())
                .map(WorkloadTarget::parse)
                .toList();
    }

    /** A tag source of {@code kind} (DockerImage, ImageStreamTag, ImageStreamImage); empty for none. */
    public static Optional<TagSource> source(String kind, String text, String namespace) {
        if (blank(kind) || blank(text)) {
            return Optional.empty();
        }
        String value = text.strip();
        return Optional.of(
                switch (kind) {
                    case "ImageStreamTag" -> TagSource.ImageStreamTag.parse(value, namespace);
                    case "ImageStreamImage" -> TagSource.ImageStreamImage.parse(value, namespace);
                    default -> new TagSource.DockerImage(ImageReference.parse(value));
                });
    }

    static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
