package io.jenkins.plugins.imagestreams.stream;

/** An image stream name, tag name, tag source or tag spec that breaks a rule; the message names the input and the rule. */
public class InvalidStreamException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidStreamException(String message) {
        super(message);
    }

    /** Quotes user input for a message, shortened past 80 characters and with control characters escaped. */
    static String quote(String text) {
        if (text == null) {
            return "null";
        }
        String shown = text.length() <= 80 ? text : text.substring(0, 77) + "...";
        StringBuilder out = new StringBuilder("'");
        for (char c : shown.toCharArray()) {
            out.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return out.append("' (").append(text.length()).append(" characters)").toString();
    }
}
