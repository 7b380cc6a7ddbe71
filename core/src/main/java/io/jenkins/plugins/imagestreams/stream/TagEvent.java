package io.jenkins.plugins.imagestreams.stream;

import io.jenkins.plugins.imagestreams.reference.Digest;
import java.time.Instant;
import java.util.Objects;

/**
 * One entry of a tag's history, OpenShift's {@code status.tags[].items[]}.
 *
 * @param created when the tag first pointed at this image (not updated by re-imports of the same digest)
 * @param dockerImageReference the pull spec, pinned: {@code registry/repository@sha256:…}
 * @param image the digest of the image (for PreserveOriginal imports of an index, the index digest)
 * @param generation the stream generation that produced this entry
 * @param cause why the tag moved: {@code import}, {@code tag from app:1}, {@code alias of app:latest}, …
 * @param evidence the signatures verified and the attachments carried when the image entered the tag
 */
public record TagEvent(
        Instant created, String dockerImageReference, Digest image, long generation, String cause, Evidence evidence) {
    public TagEvent {
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(image, "image");
        if (dockerImageReference == null || dockerImageReference.isEmpty()) {
            throw new InvalidStreamException("a tag event needs a dockerImageReference (the pinned pull spec)");
        }
        cause = cause == null ? "" : cause;
    }

    /** An entry without evidence. */
    public TagEvent(Instant created, String dockerImageReference, Digest image, long generation, String cause) {
        this(created, dockerImageReference, image, generation, cause, Evidence.NONE);
    }

    public TagEvent withGeneration(long value) {
        return new TagEvent(created, dockerImageReference, image, value, cause, evidence);
    }

    public TagEvent withDockerImageReference(String value) {
        return new TagEvent(created, value, image, generation, cause, evidence);
    }

    public TagEvent withImage(Digest value) {
        return new TagEvent(created, dockerImageReference, value, generation, cause, evidence);
    }

    public TagEvent withCause(String value) {
        return new TagEvent(created, dockerImageReference, image, generation, value, evidence);
    }

    public TagEvent withEvidence(Evidence value) {
        return new TagEvent(created, dockerImageReference, image, generation, cause, value);
    }
}
