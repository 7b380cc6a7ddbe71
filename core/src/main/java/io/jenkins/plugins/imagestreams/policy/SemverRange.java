package io.jenkins.plugins.imagestreams.policy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A version range in the npm/Masterminds syntax: comparators separated by spaces must all hold, alternatives are
 * separated by {@code ||}.
 *
 * <p>Comparators: {@code >=1.2}, {@code >1.2.3}, {@code <2}, {@code <=1.4}, {@code =1.2.3} or {@code 1.2.3},
 * {@code ^1.2} (same major; for 0.x same minor), {@code ~1.2.3} (same minor), {@code 1.x} / {@code 1.2.*} / {@code 1.2}
 * (wildcards), {@code *}. A pre-release version matches only when pre-releases are asked for, or when a comparator of
 * the same alternative names a pre-release of the same MAJOR.MINOR.PATCH ({@code >=2.0.0-rc1}).
 */
public final class SemverRange {
    private static final Pattern PARTIAL = Pattern.compile(
            "v?([0-9]+|[xX*])(?:\\.([0-9]+|[xX*]))?(?:\\.([0-9]+|[xX*]))?(?:-([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?"
                    + "(?:\\+[0-9A-Za-z.-]+)?");
    private static final Pattern OPERATOR_SPACE = Pattern.compile("(>=|<=|>|<|=|\\^|~)\\s+");

    private final String text;
    private final List<List<Bound>> alternatives;

    private SemverRange(String text, List<List<Bound>> alternatives) {
        this.text = text;
        this.alternatives = alternatives;
    }

    /**
     * Parses a range such as {@code >=1.2 <2}, {@code ^1.2}, {@code ~1.2.3}, {@code 1.x} or {@code 1.x || 2.x}.
     *
     * @throws InvalidPolicyException naming the comparator that cannot be read
     */
    public static SemverRange parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidPolicyException(
                    "semver range is empty; expected comparators such as '>=1.2 <2' or '^1.2'");
        }
        List<List<Bound>> alternatives = new ArrayList<>();
        for (String alternative : text.split("\\|\\|", -1)) {
            String normalized = OPERATOR_SPACE.matcher(alternative.trim()).replaceAll("$1");
            if (normalized.isEmpty()) {
                throw new InvalidPolicyException("semver range '" + text + "' has an empty alternative around '||'");
            }
            List<Bound> bounds = new ArrayList<>();
            for (String comparator : normalized.split("\\s+")) {
                bounds.addAll(comparator(text, comparator));
            }
            alternatives.add(List.copyOf(bounds));
        }
        return new SemverRange(text.trim(), List.copyOf(alternatives));
    }

    /** Whether {@code version} is in the range; pre-releases only as the class comment says. */
    public boolean contains(SemVersion version, boolean includePrereleases) {
        for (List<Bound> bounds : alternatives) {
            if (bounds.stream().allMatch(b -> b.test(version))
                    && (!version.isPrerelease()
                            || includePrereleases
                            || bounds.stream()
                                    .anyMatch(b -> b.version.isPrerelease() && b.version.sameCore(version)))) {
                return true;
            }
        }
        return false;
    }

    private static List<Bound> comparator(String range, String token) {
        String op = token.startsWith(">=") || token.startsWith("<=")
                ? token.substring(0, 2)
                : token.startsWith(">")
                                || token.startsWith("<")
                                || token.startsWith("=")
                                || token.startsWith("^")
                                || token.startsWith("~")
                        ? token.substring(0, 1)
                        : "";
        Matcher m = PARTIAL.matcher(token.substring(op.length()));
        if (!m.matches()) {
            throw new InvalidPolicyException("semver range '" + range + "': comparator '" + token
                    + "' is not an operator (>=, >, <=, <, =, ^, ~) followed by a version such as 1.2.3, 1.2 or 1.x");
        }
        BigInteger major = number(m.group(1));
        BigInteger minor = major == null ? null : number(m.group(2));
        BigInteger patch = minor == null ? null : number(m.group(3));
        List<String> pre = m.group(4) == null || patch == null
                ? List.of()
                : List.of(m.group(4).split("\\."));
        if (major == null) {
            return List.of();
        }
        SemVersion floor = new SemVersion(major, zero(minor), zero(patch), pre);
        SemVersion nextMajor = version(major.add(BigInteger.ONE), BigInteger.ZERO, BigInteger.ZERO);
        SemVersion nextMinor = minor == null ? nextMajor : version(major, minor.add(BigInteger.ONE), BigInteger.ZERO);
        SemVersion nextPatch = patch == null ? nextMinor : version(major, minor, patch.add(BigInteger.ONE));
        return switch (op) {
            case ">=" -> List.of(new Bound(">=", floor));
            case ">" -> patch != null ? List.of(new Bound(">", floor)) : List.of(new Bound(">=", nextMinor));
            case "<" -> List.of(new Bound("<", floor));
            case "<=" -> patch != null ? List.of(new Bound("<=", floor)) : List.of(new Bound("<", nextMinor));
            case "~" -> List.of(new Bound(">=", floor), new Bound("<", minor == null ? nextMajor : nextMinorOf(floor)));
            case "^" -> List.of(new Bound(">=", floor), new Bound("<", caretCeiling(major, minor, patch, floor)));
            default ->
                patch != null
                        ? List.of(new Bound("=", floor))
                        : List.of(new Bound(">=", floor), new Bound("<", nextPatch));
        };
    }

    private static SemVersion nextMinorOf(SemVersion v) {
        return version(v.major(), v.minor().add(BigInteger.ONE), BigInteger.ZERO);
    }

    private static SemVersion caretCeiling(BigInteger major, BigInteger minor, BigInteger patch, SemVersion floor) {
        if (major.signum() > 0 || minor == null) {
            return version(major.add(BigInteger.ONE), BigInteger.ZERO, BigInteger.ZERO);
        }
        if (minor.signum() > 0 || patch == null) {
            return nextMinorOf(floor);
        }
        return version(major, minor, patch.add(BigInteger.ONE));
    }

    private static SemVersion version(BigInteger major, BigInteger minor, BigInteger patch) {
        return new SemVersion(major, minor, patch, List.of("0")).release();
    }

    private static BigInteger number(String part) {
        return part == null || part.equalsIgnoreCase("x") || part.equals("*") ? null : new BigInteger(part);
    }

    private static BigInteger zero(BigInteger part) {
        return part == null ? BigInteger.ZERO : part;
    }

    /** Ranges are equal when written the same. */
    @Override
    public boolean equals(Object o) {
        return o instanceof SemverRange other && text.equals(other.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }

    private record Bound(String op, SemVersion version) {
        boolean test(SemVersion candidate) {
            int c = candidate.compareTo(version);
            return switch (op) {
                case ">=" -> c >= 0;
                case ">" -> c > 0;
                case "<" -> c < 0;
                case "<=" -> c <= 0;
                default -> c == 0;
            };
        }
    }
}
