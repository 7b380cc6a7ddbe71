package io.jenkins.plugins.imagestreams.api;

import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.TagNames;
import io.jenkins.plugins.imagestreams.stream.TagSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A tag the scheduler imports, with the registry host its imports go to (for fairness and rate limits).
 *
 * @param stream the stream
 * @param tag the tag
 * @param registry the registry API host and port, as {@link ImageReference#apiHost()}
 */
public record ScheduledTag(StreamName stream, String tag, String registry) {
    public ScheduledTag {
        Objects.requireNonNull(stream, "stream");
        TagNames.require(tag);
        Objects.requireNonNull(registry, "registry");
    }

    /**
     * The tags of {@code stream} to import periodically: importable spec tags with {@code importPolicy.scheduled}. A
     * tag pinned by digest is included only until it was imported once (as OpenShift does).
     */
    public static List<ScheduledTag> of(ImageStream stream) {
        List<ScheduledTag> tags = new ArrayList<>();
        for (TagSpec spec : stream.spec().tags()) {
            Optional<ImageReference> ref = spec.dockerImage();
            if (ref.isEmpty() || !spec.importPolicy().scheduled()) {
                continue;
            }
            if (ref.get().digest().isPresent() && !stream.importPending(spec.name())) {
                continue;
            }
            tags.add(new ScheduledTag(stream.name(), spec.name(), ref.get().apiHost()));
        }
        return tags;
    }

    /** The stream and tag only. */
    public String key() {
        return stream + ":" + tag;
    }
}
