package io.jenkins.plugins.imagestreams.testing;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The start line and header fields of one HTTP/1.1 request or response, as the {@link FaultProxy} relays them. */
final class HttpHead {
    private static final int MAX_LINE = 16 * 1024;
    private static final int MAX_FIELDS = 200;

    private final String startLine;
    private final List<String[]> fields;

    HttpHead(String startLine, List<String[]> fields) {
        this.startLine = startLine;
        this.fields = new ArrayList<>(fields);
    }

    /** Reads a head; returns null if the stream ends cleanly before its first byte. */
    static HttpHead read(InputStream in) throws IOException {
        String start = readLine(in, true);
        if (start == null) {
            return null;
        }
        List<String[]> fields = new ArrayList<>();
        for (String line = readLine(in, false); !line.isEmpty(); line = readLine(in, false)) {
            int colon = line.indexOf(':');
            if (colon <= 0 || fields.size() >= MAX_FIELDS) {
                throw new IOException("malformed header line: " + line);
            }
            fields.add(new String[] {
                line.substring(0, colon).trim(), line.substring(colon + 1).trim()
            });
        }
        return new HttpHead(start, fields);
    }

    /** Reads one CRLF- (or LF-) terminated line of ISO-8859-1 text. */
    static String readLine(InputStream in, boolean eofAllowed) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                if (eofAllowed && line.size() == 0) {
                    return null;
                }
                throw new EOFException("connection closed in the middle of an HTTP head");
            }
            if (line.size() >= MAX_LINE) {
                throw new IOException("HTTP head line longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    String startLine() {
        return startLine;
    }

    String method() {
        return startLine.substring(0, startLine.indexOf(' '));
    }

    /** The request target, {@code /v2/...?query}. */
    String target() {
        String[] parts = startLine.split(" ");
        return parts.length > 1 ? parts[1] : "";
    }

    /** The same request head aimed at {@code newTarget}, {@code /v2/...?query}. */
    HttpHead withTarget(String newTarget) {
        String[] parts = startLine.split(" ", 3);
        return new HttpHead(parts[0] + " " + newTarget + (parts.length > 2 ? " " + parts[2] : ""), fields);
    }

    String path() {
        String target = target();
        int query = target.indexOf('?');
        return query < 0 ? target : target.substring(0, query);
    }

    /** The status code of a response head. */
    int status() {
        String[] parts = startLine.split(" ");
        return Integer.parseInt(parts[1]);
    }

    String first(String name) {
        for (String[] field : fields) {
            if (field[0].equalsIgnoreCase(name)) {
                return field[1];
            }
        }
        return null;
    }

    boolean hasToken(String name, String token) {
        String value = first(name);
        if (value == null) {
            return false;
        }
        for (String part : value.split(",")) {
            if (part.trim().equalsIgnoreCase(token)) {
                return true;
            }
        }
        return false;
    }

    HttpHead remove(String name) {
        fields.removeIf(field -> field[0].equalsIgnoreCase(name));
        return this;
    }

    HttpHead set(String name, String value) {
        remove(name);
        fields.add(new String[] {name, value});
        return this;
    }

    void writeTo(OutputStream out) throws IOException {
        StringBuilder text = new StringBuilder(startLine).append("\r\n");
        for (String[] field : fields) {
            text.append(field[0]).append(": ").append(field[1]).append("\r\n");
        }
        text.append("\r\n");
        out.write(text.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    @Override
    public String toString() {
        return startLine;
    }
}
