package io.jenkins.plugins.imagestreams.cli;

/** The command line asks for something that cannot be: exit code 2, with a message saying what is expected. */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
