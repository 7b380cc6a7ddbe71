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

    static List<String> order(List<String> tags) {
        return tags.stream()
                .distinct()
                .sorted(Comparator.comparingInt(TagPriority::group)
                        .thenComparing(TagPriority::version, reverseOrderOfVersions())
                        .thenComparing(Comparator.naturalOrder()))
                .toList();
    }

    private static int group(String tag) {
        if (tag.equals("latest")) {
            return 0;
        }
        if (MINOR.matcher(tag).matches() && version(tag).isPresent()) {
            return 1;
        }
        if (FULL.matcher(tag).matches() && version(tag).isPresent()) {
            return 2;
        }
        return 3;
    }

    private static Optional<SemVersion> version(String tag) {
        return SemVersion.tryParse(tag);
    }

    private static Comparator<Optional<SemVersion>> reverseOrderOfVersions() {
        return Comparator.comparing(o -> o.orElse(null), Comparator.nullsLast(Comparator.reverseOrder()));
    }
}
