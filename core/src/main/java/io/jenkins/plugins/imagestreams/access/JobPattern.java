package io.jenkins.plugins.imagestreams.access;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A pattern over job full names ({@code folder/sub/job}): {@code *} matches within one path segment, {@code **}
 * across segments, and a pattern ending in {@code /} names a folder, matching every job below it. Anything else is
 * matched literally, so {@code release-1.0} does not match {@code release-100}.
 */
public final class JobPattern {
    private final String text;
    private final Pattern regex;

    private JobPattern(String text, Pattern regex) {
        this.text = text;
        this.regex = regex;
    }

    /**
     * Parses one pattern; surrounding blanks are dropped.
     *
     * @throws IllegalArgumentException if the pattern is blank or starts with {@code /}
     */
    public static JobPattern parse(String text) {
        String trimmed = Objects.requireNonNull(text, "text").strip();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("a job pattern is empty; write a job's full name, a folder ending in"
                    + " '/', or a pattern with '*' (one segment) or '**' (any depth)");
        }
        if (trimmed.startsWith("/")) {
            throw new IllegalArgumentException("job pattern '" + trimmed
                    + "' starts with '/'; full names are relative to the Jenkins root, such as 'team-a/build'");
        }
        String glob = trimmed.endsWith("/") ? trimmed + "**" : trimmed;
        StringBuilder regex = new StringBuilder();
        int i = 0;
        while (i < glob.length()) {
            if (glob.startsWith("**", i)) {
                regex.append(".*");
                i += 2;
            } else if (glob.charAt(i) == '*') {
                regex.append("[^/]*");
                i++;
            } else {
                int next = nextStar(glob, i);
                regex.append(Pattern.quote(glob.substring(i, next)));
                i = next;
            }
        }
        return new JobPattern(trimmed, Pattern.compile(regex.toString()));
    }

    private static int nextStar(String glob, int from) {
        int star = glob.indexOf('*', from);
        return star < 0 ? glob.length() : star;
    }

    /** Whether the job with full name {@code jobFullName} matches. */
    public boolean matches(String jobFullName) {
        return jobFullName != null && regex.matcher(jobFullName).matches();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JobPattern other && text.equals(other.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** The pattern as written. */
    @Override
    public String toString() {
        return text;
    }
}
