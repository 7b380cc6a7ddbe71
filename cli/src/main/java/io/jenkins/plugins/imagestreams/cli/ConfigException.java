package io.jenkins.plugins.imagestreams.cli;

/** The stream definitions file cannot be used: exit code 2, with the file, document and field in the message. */
final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ConfigException(String message) {
        super(message);
    }
}
