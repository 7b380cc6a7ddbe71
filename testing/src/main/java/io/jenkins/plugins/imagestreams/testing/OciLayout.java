package io.jenkins.plugins.imagestreams.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * An OCI image layout directory written by {@link TestImages}, with one top-level image.
 *
 * @param dir the layout directory (holds {@code oci-layout}, {@code index.json}, {@code blobs/})
 * @param digest digest of the top manifest or index, {@code sha256:<hex>}, which a registry reports after a
 *     byte-exact push
 * @param mediaType media type of the top manifest or index
 */
public record OciLayout(Path dir, String digest, String mediaType) {
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";

    public OciLayout {
        Objects.requireNonNull(dir, "dir");
        Sha256.requireValid(digest);
        Objects.requireNonNull(mediaType, "mediaType");
    }

    public boolean isIndex() {
        return mediaType.equals(OCI_INDEX);
    }

    /** The file holding blob {@code blobDigest} ({@code sha256:<hex>}). */
    public Path blob(String blobDigest) {
        return dir.resolve("blobs").resolve("sha256").resolve(Sha256.hex(blobDigest));
    }

    /** The exact bytes of the top manifest or index. */
    public byte[] manifestBytes() {
        try {
            return Files.readAllBytes(blob(digest));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The skopeo/containers transport name of this layout, {@code oci:DIR}. */
    public String transportReference() {
        return "oci:" + dir.toAbsolutePath();
    }
}
