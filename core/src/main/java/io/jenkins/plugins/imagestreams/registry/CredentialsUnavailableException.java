package io.jenkins.plugins.imagestreams.registry;

/**
 * A source of credentials failed to answer: a credential helper that is not on {@code PATH}, that exits with an error
 * or does not finish in time. The message names the source and what it said, never a secret.
 */
public class CredentialsUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CredentialsUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
