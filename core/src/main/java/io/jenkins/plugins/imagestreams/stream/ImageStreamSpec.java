package io.jenkins.plugins.imagestreams.stream;

import io.jenkins.plugins.imagestreams.reference.ImageReference;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the user wants a stream to be, OpenShift's {@code spec}: kept apart from the status so definitions can live
 * elsewhere (Jenkins configuration, a YAML file) and be applied with {@link ImageStream#withSpec(ImageStreamSpec)}.
 *
 * @param repository the stream's own repository, where promotion copies images and what {@link
 *     ReferencePolicy#LOCAL} points at (OpenShift's integrated-registry {@code status.dockerImageRepository}); no tag
 *     or digest
 * @param historyLimit how many history entries each tag keeps, oldest dropped first
 * @param tags the spec tags, sorted by name, names unique
 */
public record ImageStreamSpec(Optional<ImageReference> repository, int historyLimit, List<TagSpec> tags) {
    private static final SortedByName<TagSpec> TAGS = new SortedByName<>(TagSpec::name);

    /** History entries kept per tag unless a stream says otherwise. */
    public static final int DEFAULT_HISTORY_LIMIT = 10;

    /** @throws InvalidStreamException for duplicate tag names or a history limit below 1 */
    public ImageStreamSpec {
        Objects.requireNonNull(repository, "repository");
        if (historyLimit < 1) {
            throw new InvalidStreamException("history limit must be at least 1, was " + historyLimit);
        }
        tags = TAGS.sorted(tags, "tag '%s' is defined twice in the spec");
    }

    /**
     * Equal when every component is. Written out rather than left to the record, whose equality is linked by {@code
     * invokedynamic} at its first call, building method handles and spinning classes: every change of a stream's spec
     * compares the new one with the old, and in a one-shot command the first comparison cost some 30 ms.
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof ImageStreamSpec that
                && historyLimit == that.historyLimit
                && repository.equals(that.repository)
                && tags.equals(that.tags);
    }

    @Override
    public int hashCode() {
        return Objects.hash(repository, historyLimit, tags);
    }

    /** No repository, the default history limit, no tags. */
    public static ImageStreamSpec empty() {
        return new ImageStreamSpec(Optional.empty(), DEFAULT_HISTORY_LIMIT, List.of());
    }

    public Optional<TagSpec> tag(String name) {
        return TAGS.find(tags, name);
    }

    /** With {@code tag} added, or replacing the spec tag of the same name. */
    public ImageStreamSpec withTag(TagSpec tag) {
        return new ImageStreamSpec(repository, historyLimit, TAGS.with(tags, tag));
    }

    public ImageStreamSpec withoutTag(String name) {
        return new ImageStreamSpec(repository, historyLimit, TAGS.without(tags, name));
    }

    public ImageStreamSpec withRepository(ImageReference value) {
        return new ImageStreamSpec(Optional.of(value), historyLimit, tags);
    }

    public ImageStreamSpec withHistoryLimit(int value) {
        return new ImageStreamSpec(repository, value, tags);
    }
}
