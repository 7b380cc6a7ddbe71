package io.jenkins.plugins.imagestreams.api;

import io.jenkins.plugins.imagestreams.registry.model.Descriptor;

/**
 * Progress of one copy, for a terminal or a build log. Called from the copier's blob threads, concurrently: keep it
 * quick and thread-safe. An exception thrown here fails the copy.
 */
public interface CopyListener {
    /** A listener that ignores everything. */
    CopyListener NONE = new CopyListener() {};

    /** How a blob reached the target. */
    enum BlobOutcome {
        /** The target repository already had it. */
        SKIPPED,
        /** Linked from the source repository on the same registry. */
        MOUNTED,
        /** Streamed from the source. */
        UPLOADED
    }

    /**
     * Called once, before any blob moves, with the image's blobs. The copy looks for the image's attachments while
     * these move; blobs the attachments bring besides are announced by {@link #attachmentBlobs(int, long)}.
     *
     * @param blobs distinct blobs of the image (of every manifest copied) to bring to the target
     * @param bytes their sizes, summed
     */
    default void started(int blobs, long bytes) {}

    /**
     * Called at most once, when the image's attachments are found and have blobs the image has not, before those move
     * (the image's own may still be moving). The whole copy's plan is the sum of this call and {@link #started(int,
     * long)}.
     *
     * @param blobs distinct blobs of the attachments that the image does not have
     * @param bytes their sizes, summed
     */
    default void attachmentBlobs(int blobs, long bytes) {}

    /**
     * {@code count} more bytes were read from the source for an upload. A retried upload reads its blob again, so the
     * running sum may exceed the blob sizes.
     */
    default void bytesTransferred(long count) {}

    /** {@code blob} is in the target repository now. */
    default void blobDone(Descriptor blob, BlobOutcome outcome) {}
}
