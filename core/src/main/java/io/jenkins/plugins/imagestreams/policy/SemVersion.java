package io.jenkins.plugins.imagestreams.policy;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A semantic version as tags spell it: {@code [v]MAJOR[.MINOR[.PATCH]][-PRERELEASE][+BUILD]}, missing parts 0.
 *
 * <p>Ordered by <a href="https://semver.org/#spec-item-11">semver precedence</a>: numbers numerically, a pre-release
 * before its release, pre-release identifiers numeric-before-alphanumeric; build metadata is ignored.
 */
public final class SemVersion implements Comparable<SemVersion> {
    private static final Pattern VERSION = Pattern.compile(
            "v?(0|[1-9][0-9]*)(?:\\.(0|[1-9][0-9]*))?(?:\\.(0|[1-9][0-9]*))?(?:-([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?"
                    + "(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?");
    private static final Pattern NUMERIC = Pattern.compile("[0-9]+");

    private final BigInteger major;
    private final BigInteger minor;
    private final BigInteger patch;
    private final List<String> prerelease;

    SemVersion(BigInteger major, BigInteger minor, BigInteger patch, List<String> prerelease) {
        this.major = major;
        this.minor = minor;
        this.patch = patch;
        this.prerelease = List.copyOf(prerelease);
    }

    /** Reads {@code text} as a version, or empty when it is not one ({@code latest}, {@code sha-abc}). */
    public static Optional<SemVersion> tryParse(String text) {
        Matcher m = VERSION.matcher(Objects.requireNonNull(text, "text"));
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new SemVersion(
                new BigInteger(m.group(1)),
                m.group(2) == null ? BigInteger.ZERO : new BigInteger(m.group(2)),
                m.group(3) == null ? BigInteger.ZERO : new BigInteger(m.group(3)),
                m.group(4) == null ? List.of() : List.of(m.group(4).split("\\."))));
    }

    /**
     * Reads {@code text} as a version.
     *
     * @throws InvalidPolicyException when it is not one
     */
    public static SemVersion parse(String text) {
        return tryParse(text)
                .orElseThrow(() -> new InvalidPolicyException("'" + text + "' is not a semantic version; expected"
                        + " [v]MAJOR[.MINOR[.PATCH]][-PRERELEASE][+BUILD] such as 1.2.3 or v2.0.0-rc1"));
    }

    public BigInteger major() {
        return major;
    }

    public BigInteger minor() {
        return minor;
    }

    public BigInteger patch() {
        return patch;
    }

    public boolean isPrerelease() {
        return !prerelease.isEmpty();
    }

    /** Whether both share MAJOR.MINOR.PATCH. */
    boolean sameCore(SemVersion o) {
        return major.equals(o.major) && minor.equals(o.minor) && patch.equals(o.patch);
    }

    SemVersion release() {
        return new SemVersion(major, minor, patch, List.of());
    }

    @Override
    public int compareTo(SemVersion o) {
        int c = major.compareTo(o.major);
        if (c == 0) {
            c = minor.compareTo(o.minor);
        }
        if (c == 0) {
            c = patch.compareTo(o.patch);
        }
        if (c != 0) {
            return c;
        }
        if (prerelease.isEmpty() || o.prerelease.isEmpty()) {
            return Boolean.compare(prerelease.isEmpty(), o.prerelease.isEmpty());
        }
        for (int i = 0; i < Math.min(prerelease.size(), o.prerelease.size()); i++) {
            c = compareIdentifier(prerelease.get(i), o.prerelease.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(prerelease.size(), o.prerelease.size());
    }

    private static int compareIdentifier(String a, String b) {
        boolean numericA = NUMERIC.matcher(a).matches();
        boolean numericB = NUMERIC.matcher(b).matches();
        if (numericA && numericB) {
            return new BigInteger(a).compareTo(new BigInteger(b));
        }
        if (numericA != numericB) {
            return numericA ? -1 : 1;
        }
        return a.compareTo(b);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SemVersion other && compareTo(other) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(major, minor, patch, prerelease);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch + (prerelease.isEmpty() ? "" : "-" + String.join(".", prerelease));
    }
}
