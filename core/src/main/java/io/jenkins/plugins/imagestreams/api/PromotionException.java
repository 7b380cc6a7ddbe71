package io.jenkins.plugins.imagestreams.api;

import io.jenkins.plugins.imagestreams.stream.PromotionRecord;
import java.util.Optional;

/**
 * A promotion did not move the target tag: its source has no image, a gate refused it ({@link
 * PromotionRefusedException}), or the copy failed. The target tag is as it was; after a failed copy, running the same
 * promotion again finishes it.
 */
public class PromotionException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient PromotionRecord record;

    public PromotionException(String message) {
        this(message, null, null);
    }

    /**
     * @param record the failure as recorded in the target tag's status, or null if nothing was recorded
     */
    public PromotionException(String message, Throwable cause, PromotionRecord record) {
        super(message, cause);
        this.record = record;
    }

    /** The failure as it was recorded beside the target tag's history; empty if nothing was recorded. */
    public Optional<PromotionRecord> record() {
        return Optional.ofNullable(record);
    }
}
