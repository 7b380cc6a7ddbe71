package io.jenkins.plugins.imagestreams.stream;

import io.jenkins.plugins.imagestreams.check.Require;
import java.time.Instant;

/**
 * A condition on a tag, OpenShift's {@code status.tags[].conditions[]}. Only {@code ImportSuccess=False} is ever
 * recorded: it is set when an import fails (the last good image stays in {@code items[0]}) and removed on success.
 *
 * @param type always {@link #IMPORT_SUCCESS} today
 * @param status always {@code False} today
 * @param reason one of the reason constants, such as {@link #NOT_FOUND}
 * @param message what failed, for people: the reference, the registry's answer, what to do
 * @param generation the stream generation of the failed attempt
 * @param lastTransitionTime when this condition was first set; repeated identical failures keep it
 */
public record TagCondition(
        String type, String status, String reason, String message, long generation, Instant lastTransitionTime) {
    public static final String IMPORT_SUCCESS = "ImportSuccess";
    public static final String NOT_FOUND = "NotFound";
    public static final String UNAUTHORIZED = "Unauthorized";
    public static final String FORBIDDEN = "Forbidden";
    public static final String INTERNAL_ERROR = "InternalError";
    public static final String TIMEOUT = "Timeout";
    public static final String TOO_MANY_REQUESTS = "TooManyRequests";
    public static final String INVALID = "Invalid";
    /** A gate of the tag refused the image: its {@code requireFrom} upstream tag never had it, or not long enough. */
    public static final String GATE_REFUSED = "GateRefused";
    /**
     * The tag's {@code requireSignature} gate refused the image: no signature by a trusted key for it (yet). Imports
     * try again, since images are often signed just after they are pushed.
     */
    public static final String SIGNATURE_REQUIRED = "SignatureRequired";

    public TagCondition {
        Require.nonNull("type, status, reason, lastTransitionTime", type, status, reason, lastTransitionTime);
        message = message == null || message.isEmpty() ? "unknown error prevented import" : message;
    }

    /** {@code ImportSuccess=False} with {@code reason} and {@code message}. */
    public static TagCondition importFailed(String reason, String message, long generation, Instant now) {
        return new TagCondition(IMPORT_SUCCESS, "False", reason, message, generation, now);
    }

    /** Whether both say the same thing (type, status, reason, message), whatever their generation and time. */
    public boolean sameAs(TagCondition other) {
        return type.equals(other.type)
                && status.equals(other.status)
                && reason.equals(other.reason)
                && message.equals(other.message);
    }

    public TagCondition withGeneration(long value) {
        return new TagCondition(type, status, reason, message, value, lastTransitionTime);
    }
}
