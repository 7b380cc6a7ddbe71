package io.jenkins.plugins.imagestreams.policy;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Chooses which tag of a repository's tag list a stream tag follows: the newest by some order, among the tags the
 * policy accepts. Tags a policy cannot order ({@code latest} for semver, {@code sha-abc} for numeric) are skipped.
 *
 * <p>Stored as {@link #type()} + {@link #value()} (+ {@code includePrereleases} for semver) and read back with
 * {@link #of(String, String, boolean)}.
 */
public sealed interface TagPolicy {
    /** {@code semver}, {@code regex}, {@code alphabetical} or {@code numeric}. */
    String type();

    /** The range, the pattern or the filter pattern; empty for an unfiltered alphabetical or numeric policy. */
    String value();

    /** The accepted tags, newest first. */
    List<String> order(Collection<String> tags);

    /** The newest accepted tag, or empty if none is accepted. */
    default Optional<String> newest(Collection<String> tags) {
        return order(tags).stream().findFirst();
    }

    /**
     * Reads a policy back from its type and value.
     *
     * @throws InvalidPolicyException for an unknown type, a bad range or a bad pattern
     */
    static TagPolicy of(String type, String value, boolean includePrereleases) {
        String v = value == null ? "" : value;
        return switch (Objects.requireNonNull(type, "type")) {
            case "semver" -> new Semver(SemverRange.parse(v), includePrereleases);
            case "regex" -> new Regex(TagFilter.compile(v));
            case "alphabetical" -> new Ordered(Ordering.ALPHABETICAL, TagFilter.of(v));
            case "numeric" -> new Ordered(Ordering.NUMERIC, TagFilter.of(v));
            default ->
                throw new InvalidPolicyException(
                        "tag policy type '" + type + "' is unknown; expected semver, regex, alphabetical or numeric");
        };
    }

    /** The highest semantic version in {@code range}; pre-releases only when asked for. */
    record Semver(SemverRange range, boolean includePrereleases) implements TagPolicy {
        public Semver {
            Objects.requireNonNull(range, "range");
        }

        @Override
        public String type() {
            return "semver";
        }

        @Override
        public String value() {
            return range.toString();
        }

        @Override
        public List<String> order(Collection<String> tags) {
            return tags.stream()
                    .filter(t -> SemVersion.tryParse(t)
                            .filter(v -> range.contains(v, includePrereleases))
                            .isPresent())
                    .sorted(Comparator.comparing((String t) -> SemVersion.parse(t))
                            .thenComparing(Comparator.naturalOrder())
                            .reversed())
                    .toList();
        }
    }

    /**
     * Tags that fully match {@code pattern}, ordered by an extracted key: the named group {@code key}, else group 1,
     * else the whole tag. Keys are compared as numbers when all of them are numbers, else alphabetically.
     */
    record Regex(Pattern pattern) implements TagPolicy {
        public Regex {
            Objects.requireNonNull(pattern, "pattern");
        }

        @Override
        public String type() {
            return "regex";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Regex other && value().equals(other.value());
        }

        @Override
        public int hashCode() {
            return value().hashCode();
        }

        @Override
        public String value() {
            return pattern.pattern();
        }

        @Override
        public List<String> order(Collection<String> tags) {
            boolean named = pattern.pattern().contains("(?<key>");
            List<String[]> keyed = tags.stream()
                    .map(t -> {
                        Matcher m = pattern.matcher(t);
                        if (!m.matches()) {
                            return null;
                        }
                        String key = named ? m.group("key") : m.groupCount() >= 1 ? m.group(1) : t;
                        return key == null ? null : new String[] {t, key};
                    })
                    .filter(Objects::nonNull)
                    .toList();
            boolean numeric = keyed.stream().allMatch(k -> Numbers.isNumber(k[1]));
            Comparator<String[]> byKey = numeric
                    ? Comparator.comparing((String[] k) -> new BigDecimal(k[1]))
                    : Comparator.comparing((String[] k) -> k[1]);
            return keyed.stream()
                    .sorted(byKey.thenComparing(k -> k[0]).reversed())
                    .map(k -> k[0])
                    .toList();
        }
    }

    /**
     * The last tag by {@code ordering}, among those the filter accepts: alphabetically last, or numerically highest
     * ({@code 42}, {@code 20240101}, {@code 1.5}; other tags are skipped).
     */
    record Ordered(Ordering ordering, TagFilter filter) implements TagPolicy {
        public Ordered {
            Objects.requireNonNull(ordering, "ordering");
            Objects.requireNonNull(filter, "filter");
        }

        @Override
        public String type() {
            return ordering.type;
        }

        @Override
        public String value() {
            return filter.value();
        }

        @Override
        public List<String> order(Collection<String> tags) {
            return tags.stream()
                    .filter(ordering.orders)
                    .filter(filter::accepts)
                    .sorted(ordering.newestFirst)
                    .toList();
        }
    }

    /** How an {@link Ordered} policy compares tags, and which tags it can compare at all. */
    enum Ordering {
        ALPHABETICAL("alphabetical", tag -> true, Comparator.reverseOrder()),
        NUMERIC(
                "numeric",
                Numbers::isNumber,
                Comparator.comparing((String t) -> new BigDecimal(t))
                        .thenComparing(Comparator.naturalOrder())
                        .reversed());

        private final String type;
        private final Predicate<String> orders;
        private final Comparator<String> newestFirst;

        Ordering(String type, Predicate<String> orders, Comparator<String> newestFirst) {
            this.type = type;
            this.orders = orders;
            this.newestFirst = newestFirst;
        }
    }
}
