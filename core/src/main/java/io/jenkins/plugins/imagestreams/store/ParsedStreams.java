package io.jenkins.plugins.imagestreams.store;

import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.Versioned;
import java.lang.ref.SoftReference;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * The streams a {@link JsonFileStore} parsed, each kept with a fingerprint of the bytes it came from: their length and
 * two 32-bit checksums of them with different polynomials (CRC-32 and CRC-32C). Parsing is a function of the bytes, so
 * when a file's fingerprint is what it was last time the stream parsed then is the answer, whoever wrote the file in
 * between; a changed file is parsed again. The checksums catch every change of up to 32 bits in a row and miss a
 * random change that keeps the length about once in 2^64; they are no defence against a writer who crafts a
 * collision, but such a writer could as well write any content, which the store would parse. Both run as the
 * processor's CRC instructions under either of the JVM's compilers (about 50 GB/s here), where SHA-256 runs at
 * 150 MB/s in a one-shot command (C1 only): a bulk import, which reads and writes its 1 MB stream a dozen times, spent
 * 90 ms hashing it. Checking a stream's few kilobytes takes well under a microsecond, parsing them tens: a scheduler
 * pass reads each stream once per tag, and nearly every read finds the bytes unchanged. The streams are held softly:
 * when the heap runs short the collector may drop them, and they are parsed again.
 */
final class ParsedStreams {
    private final ConcurrentHashMap<Path, Parsed> byPath = new ConcurrentHashMap<>();

    private record Parsed(Fingerprint fingerprint, SoftReference<Versioned<ImageStream>> stream) {}

    /**
     * The length of some bytes, with their CRC-32C in the high and their CRC-32 in the low half of {@code crcs}.
     * Compared by {@link #matches}, not by the record's {@code equals}, which links method handles at its first call
     * and would cost a one-shot command that loads one stream more than the check saves.
     */
    private record Fingerprint(int length, long crcs) {
        boolean matches(Fingerprint other) {
            return length == other.length && crcs == other.crcs;
        }

        static Fingerprint of(byte[] bytes) {
            CRC32C castagnoli = new CRC32C();
            castagnoli.update(bytes);
            CRC32 ieee = new CRC32();
            ieee.update(bytes);
            return new Fingerprint(bytes.length, castagnoli.getValue() << 32 | ieee.getValue());
        }
    }

    /**
     * The stream {@code bytes} of {@code path} hold: the one parsed before from the same bytes, else {@code parser}'s,
     * kept for next time. What {@code parser} throws is thrown, and nothing is kept.
     */
    Versioned<ImageStream> parse(Path path, byte[] bytes, Function<byte[], Versioned<ImageStream>> parser) {
        Fingerprint fingerprint = Fingerprint.of(bytes);
        Parsed known = byPath.get(path);
        if (known != null && known.fingerprint().matches(fingerprint)) {
            Versioned<ImageStream> kept = known.stream().get();
            if (kept != null) {
                return kept;
            }
        }
        Versioned<ImageStream> stream = parser.apply(bytes);
        byPath.put(path, new Parsed(fingerprint, new SoftReference<>(stream)));
        return stream;
    }

    /**
     * Keeps {@code stream} as what {@code bytes}, just written to {@code path}, hold: the next load finds the bytes it
     * wrote and reads nothing again. {@code bytes} must be what {@code stream} is written as.
     */
    void remember(Path path, byte[] bytes, Versioned<ImageStream> stream) {
        byPath.put(path, new Parsed(Fingerprint.of(bytes), new SoftReference<>(stream)));
    }

    /** Drops what was kept for {@code path} (its file is gone). */
    void forget(Path path) {
        byPath.remove(path);
    }
}
