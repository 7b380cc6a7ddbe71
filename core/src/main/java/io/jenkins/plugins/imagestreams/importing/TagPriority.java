package io.jenkins.plugins.imagestreams.importing;

import io.jenkins.plugins.imagestreams.policy.SemVersion;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
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
     * a sort, and compared by hand: a whole repository's tags are ordered in a one-shot command, before its first
     * request, where chains of comparator lambdas cost more than the comparisons.
     */
    private record Ranked(String tag, int group, SemVersion version) implements Comparable<Ranked> {
        static Ranked of(String tag) {
            SemVersion version = SemVersion.tryParse(tag).orElse(null);
            return new Ranked(tag, TagPriority.group(tag, version != null), version);
        }

        /** By group; within one, newer versions first, then tags without version; then by name. */
        @Override
        public int compareTo(Ranked other) {
            if (group != other.group) {
                return Integer.compare(group, other.group);
            }
            if (version != null && other.version != null) {
                int newerFirst = other.version.compareTo(version);
                if (newerFirst != 0) {
                    return newerFirst;
                }
            } else if (version != null || other.version != null) {
                return version != null ? -1 : 1;
            }
            return tag.compareTo(other.tag);
        }
    }

    static List<String> order(List<String> tags) {
        Ranked[] ranked = new LinkedHashSet<>(tags).stream().map(Ranked::of).toArray(Ranked[]::new);
        Arrays.sort(ranked);
        List<String> ordered = new ArrayList<>(ranked.length);
        for (Ranked r : ranked) {
            ordered.add(r.tag());
        }
        return Collections.unmodifiableList(ordered);
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
}
