package io.jenkins.plugins.imagestreams.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the stream observed, OpenShift's {@code status}: one {@link TagHistory} per tag, sorted by tag. A tag may have
 * status without a spec tag (set by tagging) and keeps its history when its spec changes.
 */
public record ImageStreamStatus(List<TagHistory> tags) {
    private static final SortedByName<TagHistory> TAGS = new SortedByName<>(TagHistory::tag);

    /** @throws InvalidStreamException for duplicate tags */
    public ImageStreamStatus {
        if (!TAGS.made(tags)) {
            List<TagHistory> present = new ArrayList<>(tags);
            present.removeIf(TagHistory::isEmpty);
            tags = TAGS.sorted(present, "tag '%s' appears twice in the status");
        }
    }

    public static ImageStreamStatus empty() {
        return new ImageStreamStatus(List.of());
    }

    public Optional<TagHistory> tag(String name) {
        return TAGS.find(tags, name);
    }

    /** The history of {@code name}, empty if the tag has none. */
    public TagHistory history(String name) {
        return tag(name).orElseGet(() -> TagHistory.empty(name));
    }

    /** With {@code history} replacing the tag's status (an {@linkplain TagHistory#isEmpty empty} history removes it). */
    public ImageStreamStatus with(TagHistory history) {
        if (history.isEmpty()) {
            return without(history.tag());
        }
        return new ImageStreamStatus(TAGS.with(tags, history));
    }

    public ImageStreamStatus without(String name) {
        return new ImageStreamStatus(TAGS.without(tags, name));
    }
}
