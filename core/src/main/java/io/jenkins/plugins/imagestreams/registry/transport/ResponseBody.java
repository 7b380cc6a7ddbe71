package io.jenkins.plugins.imagestreams.registry.transport;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.util.function.Consumer;

/**
 * A response's body on a {@link Connection}, framed as its head says (RFC 9112 section 6.3): empty for the answer to a
 * {@code HEAD} and for {@code 204} and {@code 304}; in chunks; of a {@code Content-Length}; or up to the connection's
 * end. Read to its end, it hands the connection back for another exchange when the framing and the server allow;
 * closed before, it closes the connection, leaving the rest unread.
 */
final class ResponseBody extends InputStream {
    private enum Framing {
        LENGTH,
        CHUNKED,
        UNTIL_CLOSE
    }

    private final Connection connection;
    private final InputStream in;
    private final Framing framing;
    private final long length;
    private final Consumer<Connection> release;
    private long received;
    private long chunkLeft;
    private boolean ended;
    private boolean closed;

    private ResponseBody(Connection connection, Framing framing, long length, Consumer<Connection> release) {
        this.connection = connection;
        this.in = connection.in();
        this.framing = framing;
        this.length = length;
        this.release = release;
    }

    /**
     * The body that follows {@code head}.
     *
     * @param method the request's method: the answer to a {@code HEAD} has no body, whatever its head says
     * @param release takes the connection back once the body is read, or {@code null} when it must be closed then
     * @throws ProtocolException when the head frames the body ambiguously
     */
    static ResponseBody of(Connection connection, ResponseHead head, String method, Consumer<Connection> release)
            throws ProtocolException {
        boolean keep = release != null && head.keepsConnection();
        Consumer<Connection> after = keep ? release : null;
        int status = head.status();
        ResponseBody body;
        if ("HEAD".equals(method) || status == 204 || status == 304) {
            body = new ResponseBody(connection, Framing.LENGTH, 0, after);
        } else if (head.chunked()) {
            body = new ResponseBody(connection, Framing.CHUNKED, -1, after);
        } else {
            long length = head.contentLength();
            body = length >= 0
                    ? new ResponseBody(connection, Framing.LENGTH, length, after)
                    : new ResponseBody(connection, Framing.UNTIL_CLOSE, -1, null);
        }
        if (body.length == 0) {
            body.end();
        }
        return body;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int count) throws IOException {
        if (closed) {
            throw new IOException("the response body is closed");
        }
        if (ended) {
            return -1;
        }
        if (count == 0) {
            return 0;
        }
        return switch (framing) {
            case LENGTH -> readPart(buffer, offset, count, length - received);
            case CHUNKED -> readChunked(buffer, offset, count);
            case UNTIL_CLOSE -> readToClose(buffer, offset, count);
        };
    }

    private int readPart(byte[] buffer, int offset, int count, long left) throws IOException {
        int n = in.read(buffer, offset, (int) Math.min(count, left));
        if (n < 0) {
            throw new EOFException(
                    framing == Framing.LENGTH
                            ? "the response body ended after " + received + " of its " + length + " bytes"
                            : "the response body ended within a chunk, after " + received + " bytes");
        }
        received += n;
        if (framing == Framing.LENGTH && received == length) {
            end();
        }
        return n;
    }

    private int readChunked(byte[] buffer, int offset, int count) throws IOException {
        if (chunkLeft == 0) {
            chunkLeft = chunkSize(ResponseHead.line(in, false));
            if (chunkLeft == 0) {
                skipTrailers();
                end();
                return -1;
            }
        }
        int n = readPart(buffer, offset, count, chunkLeft);
        chunkLeft -= n;
        if (chunkLeft == 0 && !ResponseHead.line(in, false).isEmpty()) {
            throw new ProtocolException("a chunk of the response body is longer than its size says");
        }
        return n;
    }

    private int readToClose(byte[] buffer, int offset, int count) throws IOException {
        int n = in.read(buffer, offset, count);
        if (n < 0) {
            end();
        } else {
            received += n;
        }
        return n;
    }

    private static long chunkSize(String line) throws ProtocolException {
        int extensions = line.indexOf(';');
        String hex = (extensions < 0 ? line : line.substring(0, extensions)).trim();
        if (hex.isEmpty() || hex.length() > 15 || !ResponseHead.all(hex, ResponseBody::isHexDigit)) {
            throw new ProtocolException("the response body has a malformed chunk size '"
                    + ErrorBodies.printable(hex.length() > 32 ? hex.substring(0, 32) : hex) + "'");
        }
        return Long.parseLong(hex, 16);
    }

    private static boolean isHexDigit(int c) {
        return Character.digit(c, 16) >= 0 && c < 128;
    }

    private void skipTrailers() throws IOException {
        for (int count = 0; !ResponseHead.line(in, false).isEmpty(); count++) {
            if (count == ResponseHead.MAX_FIELDS) {
                throw new ProtocolException("the response body has more than " + ResponseHead.MAX_FIELDS + " trailers");
            }
        }
    }

    private void end() {
        ended = true;
        if (release != null) {
            release.accept(connection);
        } else {
            connection.close();
        }
    }

    @Override
    public void close() {
        if (!ended && !closed) {
            connection.close();
        }
        closed = true;
    }
}
