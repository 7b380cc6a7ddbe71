package io.jenkins.plugins.imagestreams.stream;

/**
 * The tag grammar of the distribution reference ({@code [\w][\w.-]{0,127}}, {@code \w} being ASCII letters, digits
 * and {@code _}), which image stream tags follow. Checked by hand rather than by a regular expression: every spec tag
 * made checks its name, and a stream of a thousand tags makes thousands of them when it is read, imported into or
 * saved.
 */
public final class TagNames {
    private static final int MAX_LENGTH = 128;

    private TagNames() {}

    /** Whether {@code tag} is a valid tag name. */
    public static boolean isValid(String tag) {
        if (tag == null || tag.isEmpty() || tag.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < tag.length(); i++) {
            char c = tag.charAt(i);
            boolean word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
            if (!word && (i == 0 || (c != '.' && c != '-'))) {
                return false;
            }
        }
        return true;
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
