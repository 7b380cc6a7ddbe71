package io.jenkins.plugins.imagestreams.stream;

import io.jenkins.plugins.imagestreams.check.Require;
import io.jenkins.plugins.imagestreams.policy.TagPolicy;
import io.jenkins.plugins.imagestreams.time.Durations;
import io.jenkins.plugins.imagestreams.workload.WorkloadTarget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * One spec tag, OpenShift's {@code spec.tags[]} ({@code TagReference}): what the user wants the tag to point at.
 *
 * @param name the tag
 * @param from where its image comes from; empty for a tag without source image (set by tagging or pushes)
 * @param reference {@code true}: do not import, record the source pull spec as is
 * @param alias the tag follows its {@link TagSource.ImageStreamTag} source whenever that moves, in this stream or
 *     another one (OpenShift only follows within one stream); without alias the source is copied once
 * @param importPolicy scheduled, insecure, import mode; scheduling and insecure need a {@code DockerImage} source
 * @param referencePolicy which pull spec consumers get
 * @param tagPolicy for a {@code DockerImage} source: which tag of its repository to follow (the newest by the
 *     policy) instead of the tag named in the reference
 * @param generation the stream generation that last changed this tag's intent; empty until the stream assigns one
 * @param annotations free-form, including {@link #PREFER_ARCH} and {@link #PREFER_OS} for Legacy import
 * @param requireFrom a promotion gate (beyond OpenShift, as Kargo's stages): promotion into this tag accepts only an
 *     image that was in this upstream stream tag's history before (prod accepts only what staging had)
 * @param workloads Kubernetes workloads kept in step with this tag: whenever its digest changes they are set to its
 *     pinned pull spec, once per digest (OpenShift's image change trigger, without a job in between)
 * @param requireSignature a gate: every write into this tag (import, tag, promotion) accepts only an image signed by
 *     one of the policy's keys, checked in the repository the image is read from
 * @param minimumAge a gate ("soak time"): an image enters this tag only once it has been in its upstream tag's
 *     history this long, counted from when that tag first had it: the {@code requireFrom} tags, or the tag written
 *     from when there is none. Imports have no upstream tag, so this gate does not hold for them.
 */
public record TagSpec(
        String name,
        Optional<TagSource> from,
        boolean reference,
        boolean alias,
        ImportPolicy importPolicy,
        ReferencePolicy referencePolicy,
        Optional<TagPolicy> tagPolicy,
        OptionalLong generation,
        Map<String, String> annotations,
        Optional<TagSource.ImageStreamTag> requireFrom,
        List<WorkloadTarget> workloads,
        Optional<SignaturePolicy> requireSignature,
        Optional<Duration> minimumAge) {
    /** Annotation naming the architecture Legacy import prefers ({@code arm64}); OpenShift's name. */
    public static final String PREFER_ARCH = "importer.image.openshift.io/prefer-arch";
    /** Annotation naming the operating system Legacy import prefers ({@code linux}); OpenShift's name. */
    public static final String PREFER_OS = "importer.image.openshift.io/prefer-os";

    /** @throws InvalidStreamException when the flags do not fit the source kind */
    public TagSpec {
        TagNames.require(name);
        Require.nonNull("from, importPolicy, referencePolicy", from, importPolicy, referencePolicy);
        Require.nonNull("tagPolicy, generation", tagPolicy, generation);
        annotations = annotations.isEmpty() ? Map.of() : Map.copyOf(new TreeMap<>(annotations));
        Require.nonNull("requireFrom, requireSignature, minimumAge", requireFrom, requireSignature, minimumAge);
        workloads = List.copyOf(workloads);
        if (minimumAge.isPresent()
                && (minimumAge.get().isNegative() || minimumAge.get().isZero())) {
            throw new InvalidStreamException(
                    "tag '" + name + "': minimumAge must be positive, was " + minimumAge.get());
        }
        if (workloads.size() > 1 && new HashSet<>(workloads).size() < workloads.size()) {
            throw new InvalidStreamException("tag '" + name + "' lists the same workload twice: " + workloads);
        }
        boolean docker = from.filter(TagSource.DockerImage.class::isInstance).isPresent();
        if (alias && !(from.orElse(null) instanceof TagSource.ImageStreamTag)) {
            throw new InvalidStreamException("tag '" + name
                    + "' is an alias, so its source must be an image stream tag ([namespace/]stream:tag)");
        }
        if (alias && (requireFrom.isPresent() || requireSignature.isPresent() || minimumAge.isPresent())) {
            throw new InvalidStreamException("tag '" + name + "' is an alias and has the gate "
                    + describeGates(requireFrom, requireSignature, minimumAge)
                    + ": an alias follows every move of its source, which a gate cannot check; drop one of them");
        }
        if (alias && reference) {
            throw new InvalidStreamException("tag '" + name + "' cannot be both an alias and a reference");
        }
        if ((importPolicy.scheduled() || importPolicy.insecure()) && !docker) {
            throw new InvalidStreamException("tag '" + name
                    + "': only tags pointing to registry images (DockerImage) may be scheduled or insecure");
        }
        if (tagPolicy.isPresent() && !docker) {
            throw new InvalidStreamException(
                    "tag '" + name + "': a tag policy needs a registry image (DockerImage) source to list tags from");
        }
        if (generation.isPresent() && generation.getAsLong() < 0) {
            throw new InvalidStreamException("tag '" + name + "': generation must not be negative");
        }
    }

    /**
     * A builder for tag {@code name} with every default: no source, neither reference nor alias, not scheduled,
     * PreserveOriginal, Source, no tag policy, generation, annotations, promotion gate or workloads.
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** A builder holding every field of this tag, to change some of them. */
    public Builder toBuilder() {
        return new Builder(name)
                .from(from)
                .reference(reference)
                .alias(alias)
                .importPolicy(importPolicy)
                .referencePolicy(referencePolicy)
                .tagPolicy(tagPolicy)
                .generation(generation)
                .annotations(annotations)
                .requireFrom(requireFrom)
                .workloads(workloads)
                .requireSignature(requireSignature)
                .minimumAge(minimumAge);
    }

    /** Whether any gate guards writes into this tag. */
    public boolean hasGates() {
        return requireFrom.isPresent() || requireSignature.isPresent() || minimumAge.isPresent();
    }

    /** The gates of this tag as a person reads them: {@code requireFrom app-staging/app:latest, minimumAge PT24H}. */
    public String describeGates() {
        return describeGates(requireFrom, requireSignature, minimumAge);
    }

    private static String describeGates(
            Optional<TagSource.ImageStreamTag> requireFrom,
            Optional<SignaturePolicy> requireSignature,
            Optional<Duration> minimumAge) {
        List<String> names = new ArrayList<>();
        requireFrom.ifPresent(r -> names.add("requireFrom " + r));
        requireSignature.ifPresent(r -> names.add("requireSignature"));
        minimumAge.ifPresent(a -> names.add("minimumAge " + Durations.format(a)));
        return String.join(", ", names);
    }

    /** A tag that imports or copies {@code from} with every default (not scheduled, PreserveOriginal, Source). */
    public static TagSpec of(String name, TagSource from) {
        return builder(name).from(from).build();
    }

    /** A tag without source image: only tagging or rollback sets its image. */
    public static TagSpec withoutSource(String name) {
        return builder(name).build();
    }

    /** A tag that follows {@code source} whenever it moves. */
    public static TagSpec aliasOf(String name, TagSource.ImageStreamTag source) {
        return builder(name).from(source).alias(true).build();
    }

    /** Whether the scheduler and importer handle this tag: a {@code DockerImage} source that is not a reference. */
    public boolean isImportable() {
        return !reference
                && from.filter(TagSource.DockerImage.class::isInstance).isPresent();
    }

    /** The registry reference to import, if {@link #isImportable()}. */
    public Optional<io.jenkins.plugins.imagestreams.reference.ImageReference> dockerImage() {
        return isImportable() ? from.map(f -> ((TagSource.DockerImage) f).reference()) : Optional.empty();
    }

    /**
     * Whether the user's intent differs from {@code old} in a way that needs a new import or copy: source, reference,
     * alias, import mode or tag policy. OpenShift's {@code tagRefChanged}, plus alias and tag policy.
     */
    public boolean intentDiffers(TagSpec old) {
        return !from.equals(old.from)
                || reference != old.reference
                || alias != old.alias
                || importPolicy.importMode() != old.importPolicy.importMode()
                || !tagPolicy.equals(old.tagPolicy);
    }

    public TagSpec withFrom(TagSource value) {
        return toBuilder().from(value).build();
    }

    public TagSpec withReference(boolean value) {
        return toBuilder().reference(value).build();
    }

    public TagSpec withAlias(boolean value) {
        return toBuilder().alias(value).build();
    }

    public TagSpec withImportPolicy(ImportPolicy value) {
        return toBuilder().importPolicy(value).build();
    }

    public TagSpec withReferencePolicy(ReferencePolicy value) {
        return toBuilder().referencePolicy(value).build();
    }

    public TagSpec withTagPolicy(TagPolicy value) {
        return toBuilder().tagPolicy(value).build();
    }

    public TagSpec withGeneration(long value) {
        return toBuilder().generation(value).build();
    }

    public TagSpec withAnnotations(Map<String, String> value) {
        return toBuilder().annotations(value).build();
    }

    /** With the promotion gate {@code upstream}: promotions into this tag need the image in its history first. */
    public TagSpec withRequireFrom(TagSource.ImageStreamTag upstream) {
        return toBuilder().requireFrom(upstream).build();
    }

    /** With the gate {@code policy}: an image enters this tag only signed by one of its keys. */
    public TagSpec withRequireSignature(SignaturePolicy policy) {
        return toBuilder().requireSignature(policy).build();
    }

    /** With the gate {@code age}: an image enters this tag only after this long in its upstream tag's history. */
    public TagSpec withMinimumAge(Duration age) {
        return toBuilder().minimumAge(age).build();
    }

    /** With {@code value} as the workloads kept in step with this tag. */
    public TagSpec withWorkloads(List<WorkloadTarget> value) {
        return toBuilder().workloads(value).build();
    }

    /**
     * A tag spec field by field, for the places that set many of them; {@link #build()} checks them as the constructor
     * does. Not thread-safe.
     */
    public static final class Builder {
        private String name;
        private Optional<TagSource> from = Optional.empty();
        private boolean reference;
        private boolean alias;
        private ImportPolicy importPolicy = ImportPolicy.DEFAULT;
        private ReferencePolicy referencePolicy = ReferencePolicy.SOURCE;
        private Optional<TagPolicy> tagPolicy = Optional.empty();
        private OptionalLong generation = OptionalLong.empty();
        private Map<String, String> annotations = Map.of();
        private Optional<TagSource.ImageStreamTag> requireFrom = Optional.empty();
        private List<WorkloadTarget> workloads = List.of();
        private Optional<SignaturePolicy> requireSignature = Optional.empty();
        private Optional<Duration> minimumAge = Optional.empty();

        private Builder(String name) {
            this.name = name;
        }

        public Builder name(String value) {
            this.name = value;
            return this;
        }

        public Builder from(TagSource value) {
            return from(Optional.of(value));
        }

        /** @param value empty for a tag without source image */
        public Builder from(Optional<TagSource> value) {
            this.from = value;
            return this;
        }

        public Builder reference(boolean value) {
            this.reference = value;
            return this;
        }

        public Builder alias(boolean value) {
            this.alias = value;
            return this;
        }

        public Builder importPolicy(ImportPolicy value) {
            this.importPolicy = value;
            return this;
        }

        public Builder referencePolicy(ReferencePolicy value) {
            this.referencePolicy = value;
            return this;
        }

        public Builder tagPolicy(TagPolicy value) {
            return tagPolicy(Optional.of(value));
        }

        /** @param value empty to follow the tag named in the source reference */
        public Builder tagPolicy(Optional<TagPolicy> value) {
            this.tagPolicy = value;
            return this;
        }

        public Builder generation(long value) {
            return generation(OptionalLong.of(value));
        }

        /** @param value empty until the stream assigns one */
        public Builder generation(OptionalLong value) {
            this.generation = value;
            return this;
        }

        public Builder annotations(Map<String, String> value) {
            this.annotations = value;
            return this;
        }

        public Builder requireFrom(TagSource.ImageStreamTag value) {
            return requireFrom(Optional.of(value));
        }

        /** @param value empty for no promotion gate */
        public Builder requireFrom(Optional<TagSource.ImageStreamTag> value) {
            this.requireFrom = value;
            return this;
        }

        public Builder workloads(List<WorkloadTarget> value) {
            this.workloads = value;
            return this;
        }

        public Builder requireSignature(SignaturePolicy value) {
            return requireSignature(Optional.of(value));
        }

        /** @param value empty for no signature gate */
        public Builder requireSignature(Optional<SignaturePolicy> value) {
            this.requireSignature = value;
            return this;
        }

        public Builder minimumAge(Duration value) {
            return minimumAge(Optional.of(value));
        }

        /** @param value empty for no soak time */
        public Builder minimumAge(Optional<Duration> value) {
            this.minimumAge = value;
            return this;
        }

        /** @throws InvalidStreamException when the flags do not fit the source kind, as {@link TagSpec}'s constructor */
        public TagSpec build() {
            return new TagSpec(
                    name,
                    from,
                    reference,
                    alias,
                    importPolicy,
                    referencePolicy,
                    tagPolicy,
                    generation,
                    annotations,
                    requireFrom,
                    workloads,
                    requireSignature,
                    minimumAge);
        }
    }
}
