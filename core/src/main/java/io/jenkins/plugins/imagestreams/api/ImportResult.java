package io.jenkins.plugins.imagestreams.api;

import io.jenkins.plugins.imagestreams.stream.TagCondition;
import io.jenkins.plugins.imagestreams.stream.TagEvent;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** What importing one tag did. */
public sealed interface ImportResult {
    /** The registry reports the digest the tag already has: no history entry, no event. */
    record Unchanged(TagEvent current) implements ImportResult {
        public Unchanged {
            Objects.requireNonNull(current, "current");
        }
    }

    /** The tag points at a new image; {@code previous} is empty for its first image. */
    record Changed(Optional<TagEvent> previous, TagEvent current) implements ImportResult {
        public Changed {
            Objects.requireNonNull(previous, "previous");
            Objects.requireNonNull(current, "current");
        }
    }

    /**
     * The import failed; {@code condition} is what the tag's status now says. {@code retryable} is false for errors
     * a retry cannot fix by itself (not found, unauthorized, invalid); {@code retryAfter} is the registry's hint.
     */
    record Failed(TagCondition condition, boolean retryable, Optional<Duration> retryAfter) implements ImportResult {
        public Failed {
            Objects.requireNonNull(condition, "condition");
            Objects.requireNonNull(retryAfter, "retryAfter");
        }
    }
}
