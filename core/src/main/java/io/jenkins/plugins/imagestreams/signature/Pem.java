package io.jenkins.plugins.imagestreams.signature;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The blocks of a PEM text (RFC 7468): {@code -----BEGIN LABEL-----}, base64, {@code -----END LABEL-----}. Text
 * between blocks is ignored, as openssl does; RFC 1421 header lines ({@code Proc-Type: …}) inside a block are skipped.
 */
final class Pem {
    /** Larger than any key file; keeps a wrong file (an image, a log) from being read whole. */
    static final int MAX_CHARS = 1024 * 1024;

    private static final int MAX_BLOCKS = 64;
    private static final Pattern BEGIN = Pattern.compile("-----BEGIN ([A-Z0-9 ]{1,64})-----");
    private static final Pattern BASE64_LINE = Pattern.compile("[A-Za-z0-9+/=]*");

    /** One block: its label and its base64 body, decoded on demand. */
    record Block(int number, String label, String base64) {
        /** {@code PEM block 2 ('EC PRIVATE KEY')}, for messages. */
        String describe() {
            return "PEM block " + number + " ('" + label + "')";
        }

        byte[] der() {
            try {
                return Base64.getDecoder().decode(base64);
            } catch (IllegalArgumentException e) {
                throw new KeyException(describe() + " is not valid base64: " + e.getMessage());
            }
        }
    }

    private Pem() {}

    /**
     * Every block of {@code text}, in order.
     *
     * @throws KeyException when there is no block, a block is not closed by its own END line, or the text is too
     *     large
     */
    static List<Block> blocks(String text) {
        if (text.length() > MAX_CHARS) {
            throw new KeyException(
                    "key file has " + text.length() + " characters; a PEM key file has far fewer than " + MAX_CHARS);
        }
        List<Block> blocks = new ArrayList<>();
        Matcher begin = BEGIN.matcher(text);
        int from = 0;
        while (begin.find(from)) {
            if (blocks.size() == MAX_BLOCKS) {
                throw new KeyException("key file has more than " + MAX_BLOCKS + " PEM blocks");
            }
            String label = begin.group(1);
            String end = "-----END " + label + "-----";
            int close = text.indexOf(end, begin.end());
            if (close < 0) {
                throw new KeyException(
                        "PEM block " + (blocks.size() + 1) + " ('" + label + "') has no '" + end + "' line");
            }
            blocks.add(new Block(
                    blocks.size() + 1, label, body(blocks.size() + 1, label, text.substring(begin.end(), close))));
            from = close + end.length();
        }
        if (blocks.isEmpty()) {
            throw new KeyException("no PEM block found; expected a '-----BEGIN PUBLIC KEY-----' or"
                    + " '-----BEGIN PRIVATE KEY-----' block");
        }
        return List.copyOf(blocks);
    }

    private static String body(int number, String label, String between) {
        StringBuilder base64 = new StringBuilder(between.length());
        for (String line : between.split("\r?\n|\r", -1)) {
            String trimmed = line.strip();
            if (trimmed.contains(":")) {
                continue;
            }
            if (!BASE64_LINE.matcher(trimmed).matches()) {
                throw new KeyException("PEM block " + number + " ('" + label + "') has a line that is not base64");
            }
            base64.append(trimmed);
        }
        return base64.toString();
    }
}
