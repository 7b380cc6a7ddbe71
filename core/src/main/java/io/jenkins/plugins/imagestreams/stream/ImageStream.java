package io.jenkins.plugins.imagestreams.stream;

import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An image stream: named tags, each pointing at an image by digest, with history. Immutable; every change returns a
 * new stream, and returns the same instance when nothing changed (so callers can skip the write).
 *
 * <p>Generations follow OpenShift: {@code generation} ({@code metadata.generation}) grows by one whenever the user's
 * intent changes or an import records something; a spec tag's generation is the stream generation that last changed
 * it; each history entry and condition records the generation that produced it. A tag's import is pending while its
 * spec generation is newer than both {@code items[0]} and its condition.
 *
 * @param name the stream's identity
 * @param generation {@code metadata.generation}, from 1
 * @param spec what the user wants
 * @param status what was observed
 */
public record ImageStream(StreamName name, long generation, ImageStreamSpec spec, ImageStreamStatus status) {
    public ImageStream {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(status, "status");
        if (generation < 1) {
            throw new InvalidStreamException("stream " + name + ": generation must be at least 1, was " + generation);
        }
    }

    /** A new stream at generation 1 whose spec tags all have generation 1, with no status. */
    public static ImageStream create(StreamName name, ImageStreamSpec spec) {
        List<TagSpec> tags = spec.tags().stream().map(t -> t.withGeneration(1)).toList();
        return new ImageStream(
                name, 1, new ImageStreamSpec(spec.repository(), spec.historyLimit(), tags), ImageStreamStatus.empty());
    }

    /** The stream's own repository, if any. */
    public Optional<ImageReference> repository() {
        return spec.repository();
    }

    public Optional<TagSpec> specTag(String tag) {
        return spec.tag(tag);
    }

    /** The history of {@code tag}; empty if it has none. */
    public TagHistory history(String tag) {
        return status.history(tag);
    }

    /** {@code items[0]} of {@code tag}. */
    public Optional<TagEvent> currentImage(String tag) {
        return status.history(tag).current();
    }

    /** The spec and status tag names, sorted. */
    public List<String> tagNames() {
        Set<String> names = new java.util.TreeSet<>();
        spec.tags().forEach(t -> names.add(t.name()));
        status.tags().forEach(t -> names.add(t.tag()));
        return List.copyOf(names);
    }

    /**
     * Applies a new spec by OpenShift's rules: nothing changes if it equals the current spec (ignoring tag
     * generations the caller left empty); otherwise the generation grows by one and each tag that is new, whose
     * intent changed ({@link TagSpec#intentDiffers}) or whose generation is given as 0 takes the new generation.
     * Other given generations are ignored. Status is kept, also for removed spec tags; a lower history limit trims it.
     */
    public ImageStream withSpec(ImageStreamSpec next) {
        long nextGeneration = generation + 1;
        List<TagSpec> tags = new ArrayList<>();
        Map<String, TagSpec> current = new HashMap<>();
        spec.tags().forEach(t -> current.put(t.name(), t));
        for (TagSpec tag : next.tags()) {
            Optional<TagSpec> old = Optional.ofNullable(current.get(tag.name()));
            boolean forced = tag.generation().isPresent() && tag.generation().getAsLong() == 0;
            if (old.isEmpty() || forced || tag.intentDiffers(old.get())) {
                tags.add(tag.withGeneration(nextGeneration));
            } else {
                tags.add(tag.withGeneration(old.get().generation().orElse(generation)));
            }
        }
        ImageStreamSpec merged = new ImageStreamSpec(next.repository(), next.historyLimit(), tags);
        if (merged.equals(spec)) {
            return this;
        }
        List<TagHistory> histories = status.tags().stream()
                .map(h -> h.limitedTo(merged.historyLimit()))
                .toList();
        return new ImageStream(name, nextGeneration, merged, new ImageStreamStatus(histories));
    }

    /** With {@code tag} added to or replaced in the spec, as {@link #withSpec}. */
    public ImageStream withTag(TagSpec tag) {
        return withSpec(spec.withTag(tag));
    }

    /** Without {@code tag}: both its spec tag and its history go, as OpenShift's tag delete does. */
    public ImageStream withoutTag(String tag) {
        if (spec.tag(tag).isEmpty() && status.tag(tag).isEmpty()) {
            return this;
        }
        return new ImageStream(name, generation + 1, spec.withoutTag(tag), status.without(tag));
    }

    /**
     * Records a successful import of {@code tag}: {@code image} at {@code dockerImageReference}. If {@code items[0]}
     * already has both and no newer intent is pending, only a failure condition is cleared (no history entry, no new
     * generation). Otherwise the generation grows by one, the spec tag and a new {@link TagEvent} take it, the event
     * is merged by {@link TagHistory#merge}, and same-stream aliases of the tag follow.
     */
    public ImageStream recordImport(String tag, Digest image, String dockerImageReference, Instant now, String cause) {
        return recordImport(tag, image, dockerImageReference, now, cause, Evidence.NONE);
    }

    /** As {@link #recordImport(String, Digest, String, Instant, String)}, a new entry carrying {@code evidence}. */
    public ImageStream recordImport(
            String tag, Digest image, String dockerImageReference, Instant now, String cause, Evidence evidence) {
        TagHistory history = status.history(tag);
        Optional<TagEvent> head = history.current();
        long specGeneration = specTag(tag)
                .flatMap(t ->
                        t.generation().isPresent() ? Optional.of(t.generation().getAsLong()) : Optional.empty())
                .orElse(0L);
        if (head.isPresent()
                && head.get().image().equals(image)
                && head.get().dockerImageReference().equals(dockerImageReference)
                && specGeneration <= head.get().generation()) {
            TagHistory cleared = history.withoutConditions();
            return cleared == history ? this : new ImageStream(name, generation, spec, status.with(cleared));
        }
        long next = generation + 1;
        ImageStream bumped = withTagGeneration(tag, next);
        return bumped.recordImage(tag, new TagEvent(now, dockerImageReference, image, next, cause, evidence));
    }

    /**
     * Records a failed import of {@code tag} as {@code ImportSuccess=False}. The same failure again (reason and
     * message) changes nothing; a new one grows the generation and replaces the condition. The history is kept.
     */
    public ImageStream recordFailure(String tag, String reason, String message, Instant now) {
        TagHistory history = status.history(tag);
        long next = generation + 1;
        TagHistory failed = history.withFailure(TagCondition.importFailed(reason, message, next, now));
        if (failed == history) {
            return this;
        }
        ImageStream bumped = withTagGeneration(tag, next);
        return new ImageStream(name, next, bumped.spec, status.with(failed));
    }

    /**
     * Merges {@code event} into {@code tag}'s history as given (the caller chose its generation), then lets every
     * same-stream alias of the tag follow, keeping the event's created time and generation.
     */
    public ImageStream recordImage(String tag, TagEvent event) {
        return recordImage(tag, event, new HashSet<>());
    }

    private ImageStream recordImage(String tag, TagEvent event, Set<String> visited) {
        if (!visited.add(tag)) {
            return this;
        }
        TagHistory history = status.history(tag);
        TagHistory merged = history.merge(event, spec.historyLimit());
        ImageStream result = merged == history ? this : new ImageStream(name, generation, spec, status.with(merged));
        for (String alias : aliasesOf(name, tag)) {
            result = result.recordImage(alias, event.withCause("alias of " + tag), visited);
        }
        return result;
    }

    /** With {@code listenerId} marked as having received the event for {@code tag}'s current digest. */
    public ImageStream withDelivered(String tag, String listenerId) {
        TagHistory history = status.history(tag);
        TagHistory marked = history.withDelivered(listenerId);
        return marked == history ? this : new ImageStream(name, generation, spec, status.with(marked));
    }

    /** With {@code claim} on delivering {@code tag}'s current image to the claim's listener. */
    public ImageStream withClaim(String tag, DeliveryClaim claim) {
        return new ImageStream(
                name, generation, spec, status.with(status.history(tag).withClaim(claim)));
    }

    /** With {@code record} in front of {@code tag}'s promotion records, as many kept as the history limit. */
    public ImageStream withPromotion(String tag, PromotionRecord record) {
        TagHistory history = status.history(tag);
        return new ImageStream(name, generation, spec, status.with(history.withPromotion(record, spec.historyLimit())));
    }

    /** With {@code record} in front of {@code tag}'s workload update records, as many kept as the history limit. */
    public ImageStream withWorkloadUpdate(String tag, WorkloadUpdateRecord record) {
        TagHistory history = status.history(tag);
        return new ImageStream(
                name, generation, spec, status.with(history.withWorkloadUpdate(record, spec.historyLimit())));
    }

    /** The spec tags of this stream that are aliases of {@code source}'s {@code tag}. */
    public List<String> aliasesOf(StreamName source, String tag) {
        // a plain loop, no list unless there is an alias: every recorded image asks, so an import of a thousand tags
        // into a stream of a thousand asks a million times
        List<String> aliases = null;
        for (TagSpec t : spec.tags()) {
            if (t.alias()
                    && t.from().orElse(null) instanceof TagSource.ImageStreamTag ist
                    && ist.stream().equals(source)
                    && ist.tag().equals(tag)) {
                if (aliases == null) {
                    aliases = new ArrayList<>();
                }
                aliases.add(t.name());
            }
        }
        return aliases == null ? List.of() : List.copyOf(aliases);
    }

    /** Whether {@code tag} is importable and its spec generation is newer than what was observed. */
    public boolean importPending(String tag) {
        Optional<TagSpec> specTag = specTag(tag);
        if (specTag.isEmpty() || !specTag.get().isImportable()) {
            return false;
        }
        TagHistory history = status.history(tag);
        long observed = Math.max(
                history.current().map(TagEvent::generation).orElse(0L),
                history.importFailure().map(TagCondition::generation).orElse(0L));
        return specTag.get().generation().orElse(Long.MAX_VALUE) > observed;
    }

    /**
     * The pull spec consumers of {@code tag} get, pinned by digest, applying the tag's reference policy: Source gives
     * {@code items[0].dockerImageReference}; Local gives {@code <repository>@<digest>} when the stream has a
     * repository, else the Source pull spec. Empty if the tag has no image.
     */
    public Optional<String> pullSpec(String tag) {
        Optional<TagEvent> head = currentImage(tag);
        boolean local = specTag(tag)
                .map(t -> t.referencePolicy() == ReferencePolicy.LOCAL)
                .orElse(false);
        if (head.isPresent() && local && repository().isPresent()) {
            return Optional.of(repository().get().withDigest(head.get().image()).toString());
        }
        return head.map(TagEvent::dockerImageReference);
    }

    /**
     * Finds the history entry whose digest is {@code id} or starts with it (with or without {@code sha256:}), over
     * all entries of all tags; the newest entry for that digest.
     *
     * @throws InvalidStreamException if several different digests match the prefix
     */
    public Optional<TagEvent> findImage(String id) {
        TagSource.ImageStreamImage wanted = new TagSource.ImageStreamImage(name, id);
        TagEvent found = null;
        for (TagHistory history : status.tags()) {
            for (TagEvent event : history.items()) {
                if (!wanted.matches(event.image())) {
                    continue;
                }
                if (found != null && !found.image().equals(event.image())) {
                    throw new InvalidStreamException("multiple images in stream " + name + " match the prefix '" + id
                            + "': " + found.image() + " and " + event.image() + "; give more of the digest");
                }
                if (found == null || event.created().isAfter(found.created())) {
                    found = event;
                }
            }
        }
        return Optional.ofNullable(found);
    }

    private ImageStream withTagGeneration(String tag, long next) {
        ImageStreamSpec nextSpec =
                specTag(tag).map(t -> spec.withTag(t.withGeneration(next))).orElse(spec);
        return new ImageStream(name, next, nextSpec, status);
    }
}
