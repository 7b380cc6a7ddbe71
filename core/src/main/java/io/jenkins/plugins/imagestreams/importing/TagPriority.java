package io.jenkins.plugins.imagestreams.importing;

import io.jenkins.plugins.imagestreams.policy.SemVersion;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * OpenShift's order for importing a whole repository ({@code PrioritizeTags}): {@code latest}; then "minor" versions
 * such as {@code 5.1}, {@code v5.1}, {@code 5.1-rc1}, newest first; then full versions such as {@code 5.1.3}, newest
 * first; then every other tag alphabetically.
 */
final class TagPriority {
    private static final Pattern MINOR = Pattern.compile("v?[0-9]+\\.[0-9]+(-.*)?");
    private static final Pattern FULL = Pattern.compile("v?[0-9]+\\.[0-9]+\\.[0-9]+(-.*)?");

    private TagPriority() {}

    /**
     * A tag with its group and version, worked out once (its version parsed once) rather than at every comparison of
     * a sort.
     */
    private record Ranked(String tag, int group, Optional<SemVersion> version) {
        static Ranked of(String tag) {
            Optional<SemVersion> version = SemVersion.tryParse(tag);
            return new Ranked(tag, TagPriority.group(tag, version.isPresent()), version);
        }
    }

    static List<String> order(List<String> tags) {
        return tags.stream()
                .distinct()
                .map(Ranked::of)
                .sorted(Comparator.comparingInt(Ranked::group)
                        .thenComparing(Ranked::version, reverseOrderOfVersions())
                        .thenComparing(Ranked::tag))
                .map(Ranked::tag)
                .toList();
    }

    /** The group of {@code tag}, {@code isVersion} saying whether it parses as a version. */
    private static int group(String tag, boolean isVersion) {
        if (tag.equals("latest")) {
            return 0;
        }
        if (isVersion && MINOR.matcher(tag).matches()) {
            return 1;
        }
        if (isVersion && FULL.matcher(tag).matches()) {
            return 2;
        }
        return 3;
    }

    private static Comparator<Optional<SemVersion>> reverseOrderOfVersions() {
        return Comparator.comparing(o -> o.orElse(null), Comparator.nullsLast(Comparator.reverseOrder()));
    }
}
