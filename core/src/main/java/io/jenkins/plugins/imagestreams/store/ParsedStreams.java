package io.jenkins.plugins.imagestreams.store;

import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.Versioned;
import java.lang.ref.SoftReference;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The streams a {@link JsonFileStore} parsed, each kept with the SHA-256 of the bytes it came from. Parsing is a
 * function of the bytes, so when a file hashes as it did last time the stream parsed then is the answer, whoever wrote
 * the file in between; a changed file is parsed again. Hashing a stream's few kilobytes takes microseconds, parsing
 * them tens: a scheduler pass reads each stream once per tag, and nearly every read finds the bytes unchanged. The
 * streams are held softly: when the heap runs short the collector may drop them, and they are parsed again.
 */
final class ParsedStreams {
    private final ConcurrentHashMap<Path, Parsed> byPath = new ConcurrentHashMap<>();

    private record Parsed(byte[] sha256, SoftReference<Versioned<ImageStream>> stream) {}

    /**
     * The stream {@code bytes} of {@code path} hold: the one parsed before from the same bytes, else {@code parser}'s,
     * kept for next time. What {@code parser} throws is thrown, and nothing is kept.
     */
    Versioned<ImageStream> parse(Path path, byte[] bytes, Function<byte[], Versioned<ImageStream>> parser) {
        byte[] sha256 = sha256(bytes);
        Parsed known = byPath.get(path);
        if (known != null && Arrays.equals(known.sha256(), sha256)) {
            Versioned<ImageStream> kept = known.stream().get();
            if (kept != null) {
                return kept;
            }
        }
        Versioned<ImageStream> stream = parser.apply(bytes);
        byPath.put(path, new Parsed(sha256, new SoftReference<>(stream)));
        return stream;
    }

    /**
     * Keeps {@code stream} as what {@code bytes}, just written to {@code path}, hold: the next load finds the bytes it
     * wrote and reads nothing again. {@code bytes} must be what {@code stream} is written as.
     */
    void remember(Path path, byte[] bytes, Versioned<ImageStream> stream) {
        byPath.put(path, new Parsed(sha256(bytes), new SoftReference<>(stream)));
    }

    /** Drops what was kept for {@code path} (its file is gone). */
    void forget(Path path) {
        byPath.remove(path);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
