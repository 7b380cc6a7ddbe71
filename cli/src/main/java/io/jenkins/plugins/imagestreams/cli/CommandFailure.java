package io.jenkins.plugins.imagestreams.cli;

/** The command ran and could not do what was asked (a missing stream or tag, a refused change): exit code 1. */
final class CommandFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CommandFailure(String message) {
        super(message);
    }
}
