package io.jenkins.plugins.imagestreams.policy;

import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The pattern a tag must fully match to be considered, or none. Equal by the pattern's text, which {@link Pattern}
 * itself is not.
 */
public final class TagFilter {
    private static final TagFilter NONE = new TagFilter(Optional.empty());

    private final Optional<Pattern> pattern;

    private TagFilter(Optional<Pattern> pattern) {
        this.pattern = pattern;
    }

    /**
     * @param regex the pattern, or empty for none
     * @throws InvalidPolicyException naming {@code regex} when it is not a valid regular expression
     */
    public static TagFilter of(String regex) {
        return regex.isEmpty() ? NONE : new TagFilter(Optional.of(compile(regex)));
    }

    /** @throws InvalidPolicyException naming {@code regex} when it is not a valid regular expression */
    static Pattern compile(String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new InvalidPolicyException(
                    "tag policy pattern '" + regex + "' is not a valid regular expression: " + e.getDescription(), e);
        }
    }

    /** Whether {@code tag} fully matches the pattern; every tag does when there is none. */
    public boolean accepts(String tag) {
        return pattern.map(p -> p.matcher(tag).matches()).orElse(true);
    }

    /** The pattern's text, or empty for none. */
    public String value() {
        return pattern.map(Pattern::pattern).orElse("");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TagFilter other && value().equals(other.value());
    }

    @Override
    public int hashCode() {
        return value().hashCode();
    }

    @Override
    public String toString() {
        return value();
    }
}
