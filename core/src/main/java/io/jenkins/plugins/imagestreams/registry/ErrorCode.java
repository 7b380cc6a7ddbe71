package io.jenkins.plugins.imagestreams.registry;

import java.util.Locale;

/**
 * What went wrong talking to a registry: the error codes of the distribution specification, then the kinds of failure
 * the client itself detects.
 *
 * @see <a href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md#error-codes">error codes</a>
 */
public enum ErrorCode {
    BLOB_UNKNOWN(false),
    BLOB_UPLOAD_INVALID(false),
    BLOB_UPLOAD_UNKNOWN(false),
    DIGEST_INVALID(false),
    MANIFEST_BLOB_UNKNOWN(false),
    MANIFEST_INVALID(false),
    MANIFEST_UNKNOWN(false),
    NAME_INVALID(false),
    NAME_UNKNOWN(false),
    SIZE_INVALID(false),
    UNAUTHORIZED(false),
    DENIED(false),
    UNSUPPORTED(false),
    TOOMANYREQUESTS(true),
    /** No answer within the configured timeout. */
    TIMEOUT(true),
    /** The connection failed, was reset or ended early. */
    CONNECTION(true),
    /** Content did not hash to the digest it was requested by or announced with. */
    DIGEST_MISMATCH(false),
    /** A manifest, error or token body was larger than the client accepts. */
    TOO_LARGE(false),
    /** The client refused to send credentials or content over an unprotected connection. */
    INSECURE_REFUSED(false),
    /** The credentials could not be had: a credential helper is missing, failed or did not answer in time. */
    CREDENTIALS_UNAVAILABLE(false),
    /** Anything else, such as a 5xx without an error body; {@link RegistryException#isRetryable()} then decides. */
    UNKNOWN(false);

    private final boolean retryable;

    ErrorCode(boolean retryable) {
        this.retryable = retryable;
    }

    /** Whether the same request may succeed later without anything being changed. */
    public boolean isRetryable() {
        return retryable;
    }

    /** The code for the spec's spelling ({@code MANIFEST_UNKNOWN}), or {@link #UNKNOWN}. */
    public static ErrorCode fromSpec(String code) {
        if (code == null) {
            return UNKNOWN;
        }
        try {
            return valueOf(code.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return UNKNOWN;
        }
    }
}
