package io.jenkins.plugins.imagestreams.stream;

import java.util.regex.Pattern;

/** The tag grammar of the distribution reference ({@code [\w][\w.-]{0,127}}), which image stream tags follow. */
public final class TagNames {
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");

    private TagNames() {}

    /** Whether {@code tag} is a valid tag name. */
    public static boolean isValid(String tag) {
        return tag != null && TAG.matcher(tag).matches();
    }

    /**
     * Returns {@code tag} if valid.
     *
     * @throws InvalidStreamException naming the tag and the grammar
     */
    public static String require(String tag) {
        if (!isValid(tag)) {
            throw new InvalidStreamException("tag " + InvalidStreamException.quote(tag)
                    + " is not a valid tag: expected 1 to 128 letters, digits, '_', '.' or '-', not starting with"
                    + " '.' or '-'");
        }
        return tag;
    }
}
