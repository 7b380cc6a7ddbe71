package io.jenkins.plugins.imagestreams.registry;

import io.jenkins.plugins.imagestreams.reference.Digest;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * A blob's content as it arrives. At end of stream it checks the content against the digest it was requested by, and
 * throws {@link DigestMismatchException} instead of reporting the end when they differ, so a caller who reads to the
 * end never accepts wrong content. A stream {@linkplain #forUpload opened for an upload} checks the size only: the
 * registry it is uploaded to checks the digest. Close it in all cases.
 */
public final class BlobStream extends FilterInputStream {
    private final Digest digest;
    private final long size;
    private final String action;
    private final MessageDigest hash;
    private final boolean hashing;
    private long count;
    private boolean verified;

    /**
     * Wraps a blob's content as it arrives.
     *
     * @param digest the digest the blob was requested by
     * @param size the size the registry announced, or {@code -1}
     * @param action what was attempted, for the exception at a mismatch
     */
    public BlobStream(InputStream in, Digest digest, long size, String action) {
        this(in, digest, size, action, true);
    }

    private BlobStream(InputStream in, Digest digest, long size, String action, boolean hashing) {
        super(in);
        this.digest = digest;
        this.size = size;
        this.action = action;
        this.hash = hashing ? digest.newMessageDigest(size) : null;
        this.hashing = hashing;
    }

    /**
     * A stream of content that is only passed on to an upload of the same digest: its bytes are not hashed here,
     * because the receiving registry hashes them and refuses other content ({@code DIGEST_INVALID}, as the
     * distribution spec has it); only its size is checked at the end. Hashing 100 MiB costs a fresh JVM most of a
     * second before its optimizing compiler has caught up, and would check the same bytes twice.
     */
    public static BlobStream forUpload(InputStream in, Digest digest, long size, String action) {
        return new BlobStream(in, digest, size, action, false);
    }

    /** The content at end of stream did not match the digest, or the announced size. */
    public static final class DigestMismatchException extends IOException {
        private static final long serialVersionUID = 1L;

        DigestMismatchException(RegistryException cause) {
            super(cause.getMessage(), cause);
        }

        /** The typed failure, with code {@link ErrorCode#DIGEST_MISMATCH}. */
        public RegistryException registryException() {
            return (RegistryException) getCause();
        }
    }

    /** The digest the content is verified against. */
    public Digest digest() {
        return digest;
    }

    /** The size the registry announced, or {@code -1} when it did not. */
    public long size() {
        return size;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n > 0) {
            if (hashing) {
                hash.update(buffer, offset, n);
            }
            count += n;
        } else if (n < 0) {
            verify();
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buffer = new byte[8192];
        long skipped = 0;
        while (skipped < n) {
            int read = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (read < 0) {
                break;
            }
            skipped += read;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int limit) {}

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("a blob stream cannot be reset");
    }

    private void verify() throws DigestMismatchException {
        if (verified) {
            return;
        }
        verified = true;
        boolean sizeWrong = size >= 0 && count != size;
        if (!hashing) {
            if (sizeWrong) {
                throw mismatch(count + " bytes received, " + size + " bytes announced");
            }
            return;
        }
        Digest actual = Digest.of(digest.algorithm(), hash.digest());
        if (!actual.equals(digest) || sizeWrong) {
            throw mismatch(
                    count + " bytes received hash to " + actual + (size >= 0 ? ", " + size + " bytes announced" : ""));
        }
    }

    private DigestMismatchException mismatch(String detail) {
        return new DigestMismatchException(new RegistryException(ErrorCode.DIGEST_MISMATCH, 0, action, detail, null));
    }
}
