package io.jenkins.plugins.imagestreams.testing;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Relays HTTP/1.1 message bodies by their framing: none, {@code Content-Length}, chunked, or until close. */
final class HttpBodies {
    static final long NONE = 0;
    static final long CHUNKED = -1;
    static final long UNTIL_CLOSE = -2;

    private HttpBodies() {}

    /** The framing of a request body. */
    static long requestFraming(HttpHead request) throws IOException {
        if (request.hasToken("Transfer-Encoding", "chunked")) {
            return CHUNKED;
        }
        return contentLength(request, NONE);
    }

    /** The framing of a response body to a request with {@code method}. */
    static long responseFraming(String method, HttpHead response) throws IOException {
        int status = response.status();
        if (method.equals("HEAD") || status / 100 == 1 || status == 204 || status == 304) {
            return NONE;
        }
        if (response.hasToken("Transfer-Encoding", "chunked")) {
            return CHUNKED;
        }
        return contentLength(response, UNTIL_CLOSE);
    }

    private static long contentLength(HttpHead head, long otherwise) throws IOException {
        String value = head.first("Content-Length");
        if (value == null) {
            return otherwise;
        }
        try {
            long length = Long.parseLong(value.trim());
            if (length < 0) {
                throw new IOException("negative Content-Length: " + value);
            }
            return length;
        } catch (NumberFormatException e) {
            throw new IOException("malformed Content-Length: " + value, e);
        }
    }

    /**
     * Copies one body verbatim (chunk framing included) from {@code in} to {@code out}.
     *
     * @return the number of payload bytes, without chunk framing
     */
    static long copy(InputStream in, OutputStream out, long framing) throws IOException {
        if (framing == CHUNKED) {
            return copyChunked(in, out);
        }
        if (framing == UNTIL_CLOSE) {
            return in.transferTo(out);
        }
        copyExactly(in, out, framing);
        return framing;
    }

    /** Reads one body and returns its payload, de-chunked. */
    static byte[] readAll(InputStream in, long framing) throws IOException {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        if (framing == CHUNKED) {
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            copyChunked(in, raw, payload);
        } else {
            copy(in, payload, framing);
        }
        return payload.toByteArray();
    }

    private static long copyChunked(InputStream in, OutputStream out) throws IOException {
        return copyChunked(in, out, OutputStream.nullOutputStream());
    }

    private static long copyChunked(InputStream in, OutputStream raw, OutputStream payload) throws IOException {
        long total = 0;
        while (true) {
            String sizeLine = HttpHead.readLine(in, false);
            writeLine(raw, sizeLine);
            int semicolon = sizeLine.indexOf(';');
            String hex = (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim();
            long size;
            try {
                size = Long.parseLong(hex, 16);
            } catch (NumberFormatException e) {
                throw new IOException("malformed chunk size: " + sizeLine, e);
            }
            if (size == 0) {
                for (String trailer = HttpHead.readLine(in, false); ; trailer = HttpHead.readLine(in, false)) {
                    writeLine(raw, trailer);
                    if (trailer.isEmpty()) {
                        return total;
                    }
                }
            }
            copyExactly(in, new TeeOutputStream(raw, payload), size);
            total += size;
            String end = HttpHead.readLine(in, false);
            if (!end.isEmpty()) {
                throw new IOException("chunk not followed by CRLF");
            }
            writeLine(raw, "");
        }
    }

    static void copyExactly(InputStream in, OutputStream out, long count) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long left = count;
        while (left > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                throw new EOFException("body ended " + left + " bytes early");
            }
            out.write(buffer, 0, read);
            left -= read;
        }
    }

    private static void writeLine(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    }

    private static final class TeeOutputStream extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        TeeOutputStream(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int value) throws IOException {
            a.write(value);
            b.write(value);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            a.write(bytes, offset, length);
            b.write(bytes, offset, length);
        }
    }
}
