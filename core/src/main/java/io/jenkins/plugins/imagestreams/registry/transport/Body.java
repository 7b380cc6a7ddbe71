package io.jenkins.plugins.imagestreams.registry.transport;

import io.jenkins.plugins.imagestreams.registry.BlobSource;
import io.jenkins.plugins.imagestreams.registry.RegistryClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;

/**
 * What a request sends: nothing, bytes held in memory (a manifest), or a blob's content of a known length, opened anew
 * for each attempt so that a request sent again after an authentication challenge starts from the beginning.
 *
 * <p>Internal to {@link RegistryClient}, public only for its sibling packages; not an API.
 */
public final class Body {
    /** No content. */
    public static final Body NONE = new Body(0, null, null);

    /** What a blob's content is copied through on its way to the socket. */
    private static final int BUFFER = 64 * 1024;

    private final long length;
    private final byte[] bytes;
    private final BlobSource source;

    private Body(long length, byte[] bytes, BlobSource source) {
        this.length = length;
        this.bytes = bytes;
        this.source = source;
    }

    /** {@code bytes}, which the caller no longer changes. */
    public static Body of(byte[] bytes) {
        return new Body(bytes.length, bytes, null);
    }

    /**
     * The {@code length} bytes {@code source} gives.
     *
     * @throws IllegalArgumentException when {@code length} is negative
     */
    public static Body of(BlobSource source, long length) {
        if (length < 0) {
            throw new IllegalArgumentException("blob size must not be negative: " + length);
        }
        return length == 0 ? NONE : new Body(length, null, source);
    }

    public long length() {
        return length;
    }

    /** The content as the JDK's HTTP client takes it. */
    public BodyPublisher publisher() {
        if (bytes != null) {
            return BodyPublishers.ofByteArray(bytes);
        }
        if (source == null) {
            return BodyPublishers.noBody();
        }
        return BodyPublishers.fromPublisher(BodyPublishers.ofInputStream(this::openOrFail), length);
    }

    /**
     * Writes the content to {@code out}, a blob's through one buffer, reading its source to its end so that it checks
     * what it gave, and closing it.
     *
     * @throws SourceException when the source cannot be opened or read, or gives another number of bytes than the
     *     length; any other {@link IOException} comes from {@code out}
     */
    void writeTo(OutputStream out) throws IOException {
        if (bytes != null) {
            out.write(bytes);
            return;
        }
        if (source == null) {
            return;
        }
        byte[] buffer = new byte[(int) Math.min(BUFFER, length + 1)];
        try (InputStream in = open()) {
            long written = 0;
            while (true) {
                int n = read(in, buffer, (int) Math.min(buffer.length, length - written + 1));
                if (n < 0) {
                    break;
                }
                if (written + n > length) {
                    throw new SourceException("the blob to upload has more than its " + length + " bytes", null);
                }
                out.write(buffer, 0, n);
                written += n;
            }
            if (written != length) {
                throw new SourceException(
                        "the blob to upload ended after " + written + " of its " + length + " bytes", null);
            }
        }
    }

    private InputStream open() throws SourceException {
        try {
            return source.open();
        } catch (IOException e) {
            throw new SourceException("cannot read the blob to upload: " + e.getMessage(), e);
        }
    }

    private static int read(InputStream in, byte[] buffer, int length) throws SourceException {
        try {
            return in.read(buffer, 0, length);
        } catch (IOException e) {
            throw new SourceException("cannot read the blob to upload: " + e.getMessage(), e);
        }
    }

    /** The source as the JDK's publisher takes it: a stream that fails at its first read when it cannot be opened. */
    private InputStream openOrFail() {
        try {
            return open();
        } catch (SourceException e) {
            return new InputStream() {
                @Override
                public int read() throws IOException {
                    throw e;
                }
            };
        }
    }

    /** The content to send failed, not the connection it was sent on. */
    static final class SourceException extends IOException {
        private static final long serialVersionUID = 1L;

        SourceException(String message, IOException cause) {
            super(message, cause);
        }
    }
}
