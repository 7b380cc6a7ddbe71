package io.jenkins.plugins.imagestreams.registry.transport;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntPredicate;

/**
 * The status line and header fields of an HTTP/1.1 response (RFC 9112), read from a blocking stream within bounds: a
 * line of at most {@value #MAX_LINE} bytes, at most {@value #MAX_FIELDS} fields. Interim {@code 1xx} answers are
 * skipped. What the body's framing needs is answered here, so that a response that frames it ambiguously is refused
 * rather than guessed at.
 */
final class ResponseHead {
    static final int MAX_LINE = 16 * 1024;
    static final int MAX_FIELDS = 256;

    private final String version;
    private final int status;
    private final Map<String, List<String>> fields;

    private ResponseHead(String version, int status, Map<String, List<String>> fields) {
        this.version = version;
        this.status = status;
        this.fields = fields;
    }

    /**
     * Reads a response's head, the interim answers before it skipped.
     *
     * @throws EOFException when the stream ends before the first byte of an answer
     * @throws ProtocolException when what arrives is no HTTP/1.x response head, or exceeds the bounds
     */
    static ResponseHead read(InputStream in) throws IOException {
        for (boolean first = true; ; first = false) {
            String statusLine = line(in, first);
            ResponseHead head = new ResponseHead(version(statusLine), status(statusLine), fields(in));
            if (head.status >= 200 || head.status == 101) {
                return head;
            }
        }
    }

    int status() {
        return status;
    }

    HttpHeaders headers() {
        return HttpHeaders.of(fields, (name, value) -> true);
    }

    /** Whether the connection may carry another request after this response's body. */
    boolean keepsConnection() {
        boolean close = values("Connection").stream().anyMatch(v -> tokens(v).contains("close"));
        return "HTTP/1.1".equals(version) && !close;
    }

    /** Whether the body comes in chunks: {@code chunked} is the last transfer coding. */
    boolean chunked() throws ProtocolException {
        List<String> codings = new ArrayList<>();
        values("Transfer-Encoding").forEach(v -> codings.addAll(tokens(v)));
        if (codings.isEmpty()) {
            return false;
        }
        if (!codings.get(codings.size() - 1).equals("chunked")) {
            throw new ProtocolException("the response's transfer coding " + codings + " does not end with chunked");
        }
        return true;
    }

    /**
     * The body's length from {@code Content-Length}, or {@code -1} when it has none.
     *
     * @throws ProtocolException when it is no number, or when several values differ
     */
    long contentLength() throws ProtocolException {
        long length = -1;
        for (String value : values("Content-Length")) {
            for (String one : value.split(",", -1)) {
                long parsed = number(one.trim());
                if (length >= 0 && parsed != length) {
                    throw new ProtocolException("the response has conflicting Content-Length values " + value);
                }
                length = parsed;
            }
        }
        return length;
    }

    private List<String> values(String name) {
        return fields.getOrDefault(name, List.of());
    }

    private static List<String> tokens(String value) {
        List<String> tokens = new ArrayList<>();
        for (String token : value.split(",")) {
            if (!token.isBlank()) {
                tokens.add(token.trim().toLowerCase(Locale.ROOT));
            }
        }
        return tokens;
    }

    private static long number(String text) throws ProtocolException {
        if (text.isEmpty() || text.length() > 18 || !all(text, ResponseHead::isDigit)) {
            throw new ProtocolException(
                    "the response's Content-Length '" + ErrorBodies.printable(text) + "' is no length");
        }
        return Long.parseLong(text);
    }

    private static String version(String statusLine) throws ProtocolException {
        if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12 || statusLine.charAt(8) != ' ') {
            throw malformedStatus(statusLine);
        }
        return statusLine.substring(0, 8);
    }

    private static int status(String statusLine) throws ProtocolException {
        String code = statusLine.substring(9, 12);
        boolean separated = statusLine.length() == 12 || statusLine.charAt(12) == ' ';
        if (!separated || !all(code, ResponseHead::isDigit) || code.charAt(0) == '0') {
            throw malformedStatus(statusLine);
        }
        return Integer.parseInt(code);
    }

    private static ProtocolException malformedStatus(String statusLine) {
        return new ProtocolException("the answer is no HTTP/1.x response: '" + ErrorBodies.printable(statusLine) + "'");
    }

    private static Map<String, List<String>> fields(InputStream in) throws IOException {
        Map<String, List<String>> fields = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int count = 0; ; count++) {
            String line = line(in, false);
            if (line.isEmpty()) {
                return fields;
            }
            if (count == MAX_FIELDS) {
                throw new ProtocolException("the response has more than " + MAX_FIELDS + " header fields");
            }
            int colon = line.indexOf(':');
            String name = colon > 0 ? line.substring(0, colon) : "";
            if (name.isEmpty() || !all(name, ResponseHead::isTokenChar)) {
                throw new ProtocolException(
                        "the response has a malformed header field '" + ErrorBodies.printable(line) + "'");
            }
            fields.computeIfAbsent(name, n -> new ArrayList<>())
                    .add(line.substring(colon + 1).trim());
        }
    }

    /** Whether every character of {@code text} is one {@code allowed} takes; a loop, as it runs for every header line. */
    static boolean all(String text, IntPredicate allowed) {
        for (int i = 0; i < text.length(); i++) {
            if (!allowed.test(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    /** RFC 9110's tchar: the characters a field name may hold. */
    private static boolean isTokenChar(int c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    /** One line without its CRLF (a bare LF ends it too), as ISO-8859-1. */
    static String line(InputStream in, boolean first) throws IOException {
        byte[] bytes = new byte[128];
        int length = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw first && length == 0
                        ? new EOFException("the connection closed before an answer")
                        : new ProtocolException("the response head ended early");
            }
            if (b == '\n') {
                int end = length > 0 && bytes[length - 1] == '\r' ? length - 1 : length;
                return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
            }
            if (length == MAX_LINE) {
                throw new ProtocolException("the response has a line longer than " + MAX_LINE + " bytes");
            }
            if (length == bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.min(MAX_LINE, bytes.length * 2));
            }
            bytes[length++] = (byte) b;
        }
    }
}
