package io.jenkins.plugins.imagestreams.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagestreams.reference.Digest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.Test;

/** What a blob stream checks at its end: digest and size when read for use, the size alone when passed to an upload. */
public class BlobStreamTest {
    private static final byte[] CONTENT = "layer content".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OTHER = "other content".getBytes(StandardCharsets.UTF_8);
    private static final Digest DIGEST = Digest.sha256(CONTENT);

    private static byte[] readAll(BlobStream stream) throws IOException {
        try (stream) {
            return stream.readAllBytes();
        }
    }

    @Test
    public void contentReadForUseMustHashToItsDigest() throws Exception {
        assertThat(readAll(new BlobStream(new ByteArrayInputStream(CONTENT), DIGEST, CONTENT.length, "download")))
                .isEqualTo(CONTENT);
        assertThatThrownBy(() ->
                        readAll(new BlobStream(new ByteArrayInputStream(OTHER), DIGEST, OTHER.length, "download")))
                .isInstanceOfSatisfying(
                        BlobStream.DigestMismatchException.class,
                        e -> assertThat(e.registryException().code()).isEqualTo(ErrorCode.DIGEST_MISMATCH))
                .hasMessageContaining("hash to " + Digest.sha256(OTHER));
    }

    @Test
    public void contentPassedToAnUploadIsCheckedForItsSizeAndLeftToTheReceiverToHash() throws Exception {
        assertThat(readAll(BlobStream.forUpload(new ByteArrayInputStream(OTHER), DIGEST, OTHER.length, "copy")))
                .isEqualTo(OTHER);
        assertThatThrownBy(() -> readAll(
                        BlobStream.forUpload(new ByteArrayInputStream(CONTENT), DIGEST, CONTENT.length + 1, "copy")))
                .isInstanceOf(BlobStream.DigestMismatchException.class)
                .hasMessageContaining(CONTENT.length + " bytes received, " + (CONTENT.length + 1) + " bytes announced");
    }
}
