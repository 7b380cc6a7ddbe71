package io.jenkins.plugins.imagestreams.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes a POSIX ustar archive of regular files with fixed metadata (mode 0644, uid/gid 0, mtime 0), so the same
 * files always give the same bytes.
 */
final class TarWriter {
    private static final int BLOCK = 512;

    private final OutputStream out;
    private long remaining;
    private int padding;

    TarWriter(OutputStream out) {
        this.out = out;
    }

    /** Starts a regular file entry of {@code size} bytes; write exactly that many with {@link #write}. */
    void beginFile(String name, long size) throws IOException {
        if (remaining != 0) {
            throw new IllegalStateException("the previous entry still lacks " + remaining + " bytes");
        }
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        if (nameBytes.length > 100) {
            throw new IllegalArgumentException("tar entry name longer than 100 bytes: " + name);
        }
        byte[] header = new byte[BLOCK];
        System.arraycopy(nameBytes, 0, header, 0, nameBytes.length);
        octal(header, 100, 8, 0644);
        octal(header, 108, 8, 0);
        octal(header, 116, 8, 0);
        octal(header, 124, 12, size);
        octal(header, 136, 12, 0);
        header[156] = '0';
        ascii(header, 257, "ustar\0");
        ascii(header, 263, "00");
        ascii(header, 265, "root");
        ascii(header, 297, "root");
        for (int i = 148; i < 156; i++) {
            header[i] = ' ';
        }
        long checksum = 0;
        for (byte b : header) {
            checksum += b & 0xff;
        }
        octal(header, 148, 7, checksum);
        header[155] = ' ';
        out.write(header);
        remaining = size;
        padding = (int) ((BLOCK - size % BLOCK) % BLOCK);
    }

    void write(byte[] bytes, int offset, int length) throws IOException {
        if (length > remaining) {
            throw new IllegalStateException("entry overflow: " + length + " bytes written, " + remaining + " left");
        }
        out.write(bytes, offset, length);
        remaining -= length;
        if (remaining == 0) {
            pad();
        }
    }

    /** Writes the two zero blocks that end the archive. */
    void finish() throws IOException {
        if (remaining != 0) {
            throw new IllegalStateException("the last entry still lacks " + remaining + " bytes");
        }
        out.write(new byte[2 * BLOCK]);
    }

    private void pad() throws IOException {
        out.write(new byte[padding]);
    }

    private static void octal(byte[] header, int offset, int width, long value) {
        String digits = Long.toOctalString(value);
        if (digits.length() > width - 1) {
            throw new IllegalArgumentException("value " + value + " does not fit a " + width + "-byte tar field");
        }
        String padded = "0".repeat(width - 1 - digits.length()) + digits;
        ascii(header, offset, padded);
        header[offset + width - 1] = 0;
    }

    private static void ascii(byte[] header, int offset, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, header, offset, bytes.length);
    }
}
