package io.jenkins.plugins.imagestreams.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** Writes content-addressed blobs into {@code DIR/blobs/sha256/}, streaming large ones. */
final class OciBlobs {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a manifest says about a blob. */
    record Descriptor(String mediaType, String digest, long size) {
        Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("mediaType", mediaType);
            json.put("digest", digest);
            json.put("size", size);
            return json;
        }
    }

    /** A written gzip layer: its descriptor and the digest of its uncompressed tar (the config's diff_id). */
    record Layer(Descriptor descriptor, String diffId) {}

    /** Writes tar entries into a layer being built. */
    @FunctionalInterface
    interface TarContent {
        void writeTo(TarWriter tar) throws IOException;
    }

    private final Path blobs;

    OciBlobs(Path layoutDir) {
        this.blobs = layoutDir.resolve("blobs").resolve("sha256");
        try {
            Files.createDirectories(blobs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code value} as compact JSON (insertion-ordered maps give stable bytes). */
    Descriptor writeJson(String mediaType, Object value) {
        try {
            return write(mediaType, JSON.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    Descriptor write(String mediaType, byte[] bytes) {
        String digest = Sha256.of(bytes);
        try {
            Files.write(blobs.resolve(Sha256.hex(digest)), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Descriptor(mediaType, digest, bytes.length);
    }

    /** Writes {@code oci-layout} and an {@code index.json} naming {@code top} as the layout's only image. */
    void writeLayoutFiles(Descriptor top) {
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("schemaVersion", 2);
        index.put("manifests", java.util.List.of(top.toJson()));
        try {
            Path dir = blobs.getParent().getParent();
            Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
            Files.write(dir.resolve("index.json"), JSON.writeValueAsBytes(index));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Streams a gzip-compressed tar layer to disk, hashing both the compressed and uncompressed bytes. */
    Layer writeLayer(TarContent content) {
        Path temp = blobs.resolve("layer-" + System.nanoTime() + ".tmp");
        try {
            MessageDigest compressed = Sha256.newMessageDigest();
            MessageDigest uncompressed = Sha256.newMessageDigest();
            try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16);
                    DigestOutputStream hashed = new DigestOutputStream(file, compressed);
                    FastGzip gzip = new FastGzip(hashed);
                    DigestOutputStream tarOut = new DigestOutputStream(gzip, uncompressed)) {
                TarWriter tar = new TarWriter(tarOut);
                content.writeTo(tar);
                tar.finish();
            }
            String digest = Sha256.finish(compressed.digest());
            long size = Files.size(temp);
            Files.move(temp, blobs.resolve(Sha256.hex(digest)), StandardCopyOption.REPLACE_EXISTING);
            return new Layer(
                    new Descriptor("application/vnd.oci.image.layer.v1.tar+gzip", digest, size),
                    Sha256.finish(uncompressed.digest()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** gzip at the fastest level; the header {@link GZIPOutputStream} writes has no time stamp or name. */
    private static final class FastGzip extends GZIPOutputStream {
        FastGzip(OutputStream out) throws IOException {
            super(out, 1 << 16);
            def.setLevel(java.util.zip.Deflater.BEST_SPEED);
        }
    }
}
