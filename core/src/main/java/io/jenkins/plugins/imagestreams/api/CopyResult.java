package io.jenkins.plugins.imagestreams.api;

import io.jenkins.plugins.imagestreams.reference.Digest;
import java.util.List;
import java.util.Objects;

/**
 * What one {@link io.jenkins.plugins.imagestreams.promote.ImageCopier#copy} did. Blob counts are over distinct blobs,
 * the attachments' included: a layer shared by two platforms counts once.
 *
 * @param digest the digest of the copied manifest or index, identical at source and target
 * @param mediaType its media type
 * @param manifestsPushed manifests and indexes written to the target: the image's, the tagged one included, those
 *     carried along, and referrers tag indexes
 * @param blobsMounted blobs linked from the source repository on the same registry, no bytes moved
 * @param blobsUploaded blobs streamed from the source into the target
 * @param blobsSkipped blobs the target repository already held
 * @param bytesUploaded the sizes of the uploaded blobs, summed
 * @param carried what was attached to the image (or to the children copied) and came along, subject by subject
 */
public record CopyResult(
        Digest digest,
        String mediaType,
        int manifestsPushed,
        int blobsMounted,
        int blobsUploaded,
        int blobsSkipped,
        long bytesUploaded,
        List<Attachment> carried) {
    public CopyResult {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(mediaType, "mediaType");
        carried = List.copyOf(carried);
        if (manifestsPushed < 1 || blobsMounted < 0 || blobsUploaded < 0 || blobsSkipped < 0 || bytesUploaded < 0) {
            throw new IllegalArgumentException("a copy pushes at least one manifest and counts nothing negative");
        }
    }

    /** Blobs the copy handled in any way. */
    public int blobs() {
        return blobsMounted + blobsUploaded + blobsSkipped;
    }
}
