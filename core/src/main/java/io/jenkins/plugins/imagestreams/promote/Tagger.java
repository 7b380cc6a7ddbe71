package io.jenkins.plugins.imagestreams.promote;

import io.jenkins.plugins.imagestreams.store.ConflictException;
import io.jenkins.plugins.imagestreams.store.StreamStore;
import io.jenkins.plugins.imagestreams.store.StreamUpdater;
import io.jenkins.plugins.imagestreams.store.Versioned;
import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.ImageStreamSpec;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.TagEvent;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import io.jenkins.plugins.imagestreams.stream.TagSpec;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code oc tag} on stored streams: tag a stream tag's current image (or a history image) into a tag, set up an alias,
 * delete a tag, roll a tag back to an image from its history. A tag written from another tag is a snapshot by digest,
 * as {@code oc tag} writes it: its spec says {@code stream@digest} and it does not follow the source afterwards.
 */
public final class Tagger {
    private final StreamStore store;
    private final StreamUpdater updater;
    private final Clock clock;

    public Tagger(StreamStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.updater = new StreamUpdater(store);
        this.clock = Objects.requireNonNull(clock, "clock");
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
        return write(source.stream(), current, target, targetTag, cause);
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
        return write(source.stream(), found, target, targetTag, cause);
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
     * Makes {@code aliasTag} track {@code sourceTag} of the same stream: it follows every later move of the source
     * ({@code oc tag --alias}). When the source has an image, the alias gets it now.
     *
     * @throws TagException when the stream does not exist
     */
    public void alias(StreamName stream, String sourceTag, String aliasTag) {
        load(stream);
        TagSource.ImageStreamTag source = new TagSource.ImageStreamTag(stream, sourceTag);
        updater.update(stream, s -> {
            ImageStream aliased = s.withTag(TagSpec.aliasOf(aliasTag, source));
            Optional<TagEvent> current = aliased.currentImage(sourceTag);
            return current.isEmpty()
                    ? aliased
                    : aliased.recordImage(
                            aliasTag,
                            current.get().withGeneration(aliased.generation()).withCause("alias of " + sourceTag));
        });
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
        updater.update(stream, s -> s.withoutTag(tag));
    }

    private TagEvent write(StreamName from, TagEvent image, StreamName target, String targetTag, String cause) {
        if (store.load(target).isEmpty()) {
            try {
                store.save(ImageStream.create(target, ImageStreamSpec.empty()), StreamStore.NEW);
            } catch (ConflictException raced) {
                // another writer created it first; the update below works on theirs
            }
        }
        TagSpec pinned = TagSpec.of(
                targetTag, new TagSource.ImageStreamImage(from, image.image().toString()));
        Versioned<ImageStream> saved = updater.update(target, s -> {
                    ImageStream tagged = s.withTag(pinned.withGeneration(0));
                    TagEvent event = new TagEvent(
                            clock.instant(), image.dockerImageReference(), image.image(), tagged.generation(), cause);
                    return tagged.recordImage(targetTag, event);
                })
                .orElseThrow(() -> new TagException("stream " + target + " was deleted while tagging into it"));
        return saved.value().currentImage(targetTag).orElseThrow();
    }

    private ImageStream load(StreamName name) {
        return store.load(name)
                .map(Versioned::value)
                .orElseThrow(() -> new TagException("no image stream " + name + "; create it first"));
    }
}
