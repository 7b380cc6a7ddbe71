package io.jenkins.plugins.imagestreams.signature;

/**
 * A key file or key that cannot be used: not PEM, a PEM type that is not supported (the message says how to convert
 * it), an algorithm or size outside what cosign verifies, or a wrong passphrase. The message names the input and never
 * holds key material or the passphrase.
 */
public class KeyException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public KeyException(String message) {
        super(message);
    }

    public KeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
