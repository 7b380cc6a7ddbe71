package io.jenkins.plugins.imagestreams.stream;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the stream observed, OpenShift's {@code status}: one {@link TagHistory} per tag, sorted by tag. A tag may have
 * status without a spec tag (set by tagging) and keeps its history when its spec changes.
 */
public record ImageStreamStatus(List<TagHistory> tags) {
    /** @throws InvalidStreamException for duplicate tags */
    public ImageStreamStatus {
        List<TagHistory> sorted = new ArrayList<>(tags);
        sorted.removeIf(TagHistory::isEmpty);
        sorted.sort(Comparator.comparing(TagHistory::tag));
        Set<String> seen = new HashSet<>();
        for (TagHistory tag : sorted) {
            if (!seen.add(tag.tag())) {
                throw new InvalidStreamException("tag '" + tag.tag() + "' appears twice in the status");
            }
        }
        tags = List.copyOf(sorted);
    }

    public static ImageStreamStatus empty() {
        return new ImageStreamStatus(List.of());
    }

    public Optional<TagHistory> tag(String name) {
        return tags.stream().filter(t -> t.tag().equals(name)).findFirst();
    }

    /** The history of {@code name}, empty if the tag has none. */
    public TagHistory history(String name) {
        return tag(name).orElseGet(() -> TagHistory.empty(name));
    }

    /** With {@code history} replacing the tag's status (an {@linkplain TagHistory#isEmpty empty} history removes it). */
    public ImageStreamStatus with(TagHistory history) {
        List<TagHistory> next = new ArrayList<>(tags);
        next.removeIf(t -> t.tag().equals(history.tag()));
        next.add(history);
        return new ImageStreamStatus(next);
    }

    public ImageStreamStatus without(String name) {
        List<TagHistory> next = new ArrayList<>(tags);
        next.removeIf(t -> t.tag().equals(name));
        return new ImageStreamStatus(next);
    }
}
