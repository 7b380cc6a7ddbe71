package io.jenkins.plugins.imagestreams.policy;

/** A tag policy, semver version or range that cannot be read; the message names the input and the expected form. */
public class InvalidPolicyException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidPolicyException(String message) {
        super(message);
    }

    public InvalidPolicyException(String message, Throwable cause) {
        super(message, cause);
    }
}
