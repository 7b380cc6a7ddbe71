package io.jenkins.plugins.imagestreams.promote;

import io.jenkins.plugins.imagestreams.api.PromotionRefusedException;
import io.jenkins.plugins.imagestreams.api.TagException;
import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.store.StreamStore;
import io.jenkins.plugins.imagestreams.store.StreamUpdater;
import io.jenkins.plugins.imagestreams.stream.Evidence;
import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.ImageStreamSpec;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.TagEvent;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import io.jenkins.plugins.imagestreams.stream.TagSpec;
import io.jenkins.plugins.imagestreams.stream.Versioned;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * {@code oc tag} on stored streams: tag a stream tag's current image (or a history image) into a tag, set up an alias,
 * delete a tag, roll a tag back to an image from its history. A tag written from another tag is a snapshot by digest,
 * as {@code oc tag} writes it: its spec says {@code stream@digest} and it does not follow the source afterwards.
 */
public final class Tagger {
    private final StreamStore store;
    private final StreamUpdater updater;
    private final Clock clock;
    private final Consumer<StreamName> changed;
    private final PromotionGates gates;

    /** A tagger that tells nobody about the streams it changed and cannot verify signatures. */
    public Tagger(StreamStore store, Clock clock) {
        this(store, clock, name -> {});
    }

    /**
     * A tagger that cannot verify signatures: a tag with a {@code requireSignature} gate refuses its writes.
     *
     * @param changed called with each stream a tag operation saved, typically {@code EventDispatcher::deliverPending}
     */
    public Tagger(StreamStore store, Clock clock, Consumer<StreamName> changed) {
        this(store, clock, changed, new PromotionGates(store, clock, SignatureCheck.UNAVAILABLE));
    }

    /**
     * @param changed called with each stream a tag operation saved, typically {@code EventDispatcher::deliverPending}
     * @param gates checks the gates of the tags written into
     */
    public Tagger(StreamStore store, Clock clock, Consumer<StreamName> changed, PromotionGates gates) {
        this.store = Objects.requireNonNull(store, "store");
        this.updater = new StreamUpdater(store);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.changed = Objects.requireNonNull(changed, "changed");
        this.gates = Objects.requireNonNull(gates, "gates");
    }

    /**
     * Points {@code target}'s {@code targetTag} at the image {@code source} points at now ({@code oc tag src:t dst:t}),
     * creating the target stream if it does not exist. The new history entry carries {@code cause}.
     *
     * @return the target tag's new {@code items[0]}
     * @throws TagException when the source stream is missing or its tag has no image yet
     */
    public TagEvent tag(TagSource.ImageStreamTag source, StreamName target, String targetTag, String cause) {
        TagEvent current = load(source.stream())
                .currentImage(source.tag())
                .orElseThrow(() -> new TagException("\"" + source + "\" is not currently pointing to an image,"
                        + " cannot use it as the source of a tag; import or push it first"));
        Evidence evidence = checkGate(target, targetTag, current, Optional.of(source), "tag");
        return write(
                source.stream(), current.image(), current.dockerImageReference(), target, targetTag, cause, evidence);
    }

    /**
     * Points {@code target}'s {@code targetTag} at the image of {@code source}'s history whose digest is
     * {@code source.image()} or starts with it ({@code oc tag is@sha256:… dst:t}); the entry is new, created now.
     *
     * @throws TagException when no history entry of the source stream matches
     */
    public TagEvent tagImage(TagSource.ImageStreamImage source, StreamName target, String targetTag, String cause) {
        TagEvent found = load(source.stream())
                .findImage(source.image())
                .orElseThrow(() -> new TagException("no image in the history of stream " + source.stream()
                        + " matches '" + source.image() + "'; see its tags' history for the digests it holds"));
        Evidence evidence = checkGate(target, targetTag, found, Optional.empty(), "tag");
        return write(source.stream(), found.image(), found.dockerImageReference(), target, targetTag, cause, evidence);
    }

    /**
     * Refuses {@code event}'s image for {@code target}'s {@code tag} when one of the tag's gates would.
     *
     * @param from the stream tag the image is taken from, empty for an image picked from a history
     * @return the signatures the gates verified
     * @throws TagException naming the gate
     */
    private Evidence checkGate(
            StreamName target, String tag, TagEvent event, Optional<TagSource.ImageStreamTag> from, String write) {
        try {
            return gates.check(
                            new TagSource.ImageStreamTag(target, tag),
                            store.load(target).flatMap(s -> s.value().specTag(tag)),
                            event.image(),
                            event.dockerImageReference(),
                            from,
                            write)
                    .evidence();
        } catch (PromotionRefusedException e) {
            throw new TagException(e.getMessage());
        }
    }

    /**
     * Makes {@code tag} of {@code stream} point at an image it pointed at before: that image becomes {@code items[0]}
     * again, older entries stay.
     *
     * @param image a digest or a unique prefix of one, from the stream's history
     */
    public TagEvent rollback(StreamName stream, String tag, String image) {
        return tagImage(new TagSource.ImageStreamImage(stream, image), stream, tag, "rollback to " + image);
    }

    /**
     * Makes {@code aliasTag} of {@code target} track {@code source}, in the same stream or another one: it follows
     * every later move of the source ({@code oc tag --alias}). The target stream is created if missing. When the source
     * has an image, the alias gets it now.
     *
     * <p>The alias keeps the tag's reference policy, annotations and workloads. A tag with a {@code requireFrom} gate
     * cannot become an alias: it would follow every later move of its source, which the gate cannot check.
     *
     * @return the alias's image now, if the source has one
     * @throws TagException when the source stream does not exist, or the alias tag has a gate
     */
    public Optional<TagEvent> alias(TagSource.ImageStreamTag source, StreamName target, String aliasTag) {
        Optional<TagEvent> current = load(source.stream()).currentImage(source.tag());
        updater.createIfMissing(target, ImageStreamSpec.empty());
        Versioned<ImageStream> saved = update(target, s -> {
                    ImageStream aliased = s.withTag(aliasSpec(s, aliasTag, source));
                    return current.isEmpty()
                            ? aliased
                            : aliased.recordImage(
                                    aliasTag,
                                    current.get()
                                            .withGeneration(aliased.generation())
                                            .withCause("alias of " + source));
                })
                .orElseThrow(() -> new TagException("stream " + target + " was deleted while tagging into it"));
        return saved.value().currentImage(aliasTag);
    }

    private static TagSpec aliasSpec(ImageStream stream, String aliasTag, TagSource.ImageStreamTag source) {
        TagSpec alias = TagSpec.aliasOf(aliasTag, source);
        Optional<TagSpec> existing = stream.specTag(aliasTag);
        if (existing.isEmpty()) {
            return alias;
        }
        if (existing.get().hasGates()) {
            throw new TagException("tag " + stream.name() + ":" + aliasTag + " has the gate "
                    + existing.get().describeGates() + ", so it cannot follow " + source
                    + " as an alias (every later move would bypass the gate); tag or promote into it instead");
        }
        return alias.withReferencePolicy(existing.get().referencePolicy())
                .withAnnotations(existing.get().annotations())
                .withWorkloads(existing.get().workloads());
    }

    /**
     * Deletes {@code tag} of {@code stream}, spec and history ({@code oc tag -d}); images stay in their registries.
     *
     * @throws TagException when the stream has no such tag
     */
    public void delete(StreamName stream, String tag) {
        ImageStream loaded = load(stream);
        if (loaded.specTag(tag).isEmpty() && loaded.status().tag(tag).isEmpty()) {
            throw new TagException("stream " + stream + " has no tag '" + tag + "'; its tags are " + loaded.tagNames());
        }
        update(stream, s -> s.withoutTag(tag));
    }

    /**
     * Points {@code targetTag} of {@code target} at {@code image}, pulled from {@code pullSpec}, as a pinned snapshot of
     * {@code from}'s image, creating the target stream if needed, then reports the change.
     */
    TagEvent write(
            StreamName from,
            Digest image,
            String pullSpec,
            StreamName target,
            String targetTag,
            String cause,
            Evidence evidence) {
        updater.createIfMissing(target, ImageStreamSpec.empty());
        Instant now = clock.instant();
        TagEvent event = new TagEvent(now, pullSpec, image, 0, cause, evidence);
        Versioned<ImageStream> saved = update(target, s -> pin(s, targetTag, from, event))
                .orElseThrow(() -> new TagException("stream " + target + " was deleted while tagging into it"));
        return saved.value().currentImage(targetTag).orElseThrow();
    }

    /**
     * {@code stream} with {@code tag} pinned to {@code event}'s image: its spec tag says {@code from@digest} (keeping
     * the existing tag's reference policy, annotations, gates and workloads) and its history gets the event. Pure:
     * a dry run shows what a tag would do with it.
     */
    static ImageStream pin(ImageStream stream, String tag, StreamName from, TagEvent event) {
        TagSource.ImageStreamImage source =
                new TagSource.ImageStreamImage(from, event.image().toString());
        TagSpec pinned = stream.specTag(tag)
                .map(existing -> TagSpec.builder(tag)
                        .from(source)
                        .referencePolicy(existing.referencePolicy())
                        .annotations(existing.annotations())
                        .requireFrom(existing.requireFrom())
                        .requireSignature(existing.requireSignature())
                        .minimumAge(existing.minimumAge())
                        .workloads(existing.workloads())
                        .build())
                .orElse(TagSpec.of(tag, source));
        ImageStream tagged = stream.withTag(pinned.withGeneration(0));
        return tagged.recordImage(tag, event.withGeneration(tagged.generation()));
    }

    private Optional<Versioned<ImageStream>> update(StreamName name, UnaryOperator<ImageStream> change) {
        Optional<Versioned<ImageStream>> before = store.load(name);
        Optional<Versioned<ImageStream>> after = updater.update(name, change);
        if (after.isPresent()
                && (before.isEmpty() || after.get().version() != before.get().version())) {
            changed.accept(name);
        }
        return after;
    }

    private ImageStream load(StreamName name) {
        return store.load(name)
                .map(Versioned::value)
                .orElseThrow(() -> new TagException("no image stream " + name + "; create it first"));
    }
}
