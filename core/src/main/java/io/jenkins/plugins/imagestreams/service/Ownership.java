package io.jenkins.plugins.imagestreams.service;

import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import io.jenkins.plugins.imagestreams.stream.TagSpec;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which tags a set of stream definitions owns, and what commands may still do with them. A tag the definitions name
 * carries the annotation {@value #DEFINED_BY} with the definitions' owner (a config file, the Jenkins configuration);
 * when the definition also gives its source, {@value #SOURCE_DEFINED_BY} too.
 *
 * <ul>
 *   <li>A tag whose source is defined belongs to its definitions whole: tagging, aliasing, promoting or rolling back
 *       into it, giving it another import source or import policy, and deleting it are refused, naming the owner.
 *       Importing it again from its own source is allowed.
 *   <li>A defined tag without a defined source (a promotion target) belongs to its definitions but for its image:
 *       tagging, aliasing, promotion and rollback may point it at one; deleting it is refused.
 * </ul>
 */
public final class Ownership {
    /** The annotation naming who defined a tag. */
    public static final String DEFINED_BY = "imagestreams.jenkins.io/defined-by";
    /** The annotation naming who defined a tag's source. */
    public static final String SOURCE_DEFINED_BY = "imagestreams.jenkins.io/source-defined-by";

    private Ownership() {}

    /** Who defined {@code tag}, if anyone. */
    public static Optional<String> owner(TagSpec tag) {
        return Optional.ofNullable(tag.annotations().get(DEFINED_BY));
    }

    /** Who defined {@code tag}'s source, if anyone. */
    public static Optional<String> sourceOwner(TagSpec tag) {
        return Optional.ofNullable(tag.annotations().get(SOURCE_DEFINED_BY));
    }

    /** {@code tag} as defined by {@code owner}: its source too when it has one. */
    static TagSpec mark(TagSpec tag, String owner) {
        Map<String, String> annotations = new HashMap<>(tag.annotations());
        annotations.put(DEFINED_BY, owner);
        if (tag.from().isPresent()) {
            annotations.put(SOURCE_DEFINED_BY, owner);
        } else {
            annotations.remove(SOURCE_DEFINED_BY);
        }
        return tag.withAnnotations(annotations);
    }

    /** {@code tag} without owner marks. */
    static TagSpec unmark(TagSpec tag) {
        Map<String, String> annotations = new HashMap<>(tag.annotations());
        annotations.remove(DEFINED_BY);
        annotations.remove(SOURCE_DEFINED_BY);
        return tag.withAnnotations(annotations);
    }

    /**
     * Refuses a write that would point {@code target} at another image or source, when its definitions give it one.
     *
     * @param what the refused action, as in "cannot {@code tag into} …"
     * @throws OwnedTagException naming the owner
     */
    static void requireSourceFree(Optional<ImageStream> stream, TagSource.ImageStreamTag target, String what) {
        Optional<String> owner = stream.flatMap(s -> s.specTag(target.tag())).flatMap(Ownership::sourceOwner);
        if (owner.isPresent()) {
            throw refused(target, owner.get(), what);
        }
    }

    /**
     * Refuses a write to {@code target}'s spec or its removal when definitions own it.
     *
     * @throws OwnedTagException naming the owner
     */
    static void requireUnowned(Optional<ImageStream> stream, TagSource.ImageStreamTag target, String what) {
        Optional<String> owner = stream.flatMap(s -> s.specTag(target.tag())).flatMap(Ownership::owner);
        if (owner.isPresent()) {
            throw refused(target, owner.get(), what);
        }
    }

    private static OwnedTagException refused(TagSource.ImageStreamTag target, String owner, String what) {
        return new OwnedTagException(
                "cannot " + what + " " + target + ": the tag is defined in " + owner + "; change it there", owner);
    }
}
