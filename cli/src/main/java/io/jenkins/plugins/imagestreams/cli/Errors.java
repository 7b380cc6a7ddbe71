package io.jenkins.plugins.imagestreams.cli;

/** Turns exceptions into the one line a person reads, and tells usage errors from failures. */
final class Errors {
    private Errors() {}

    /** The message of {@code e}, on one line; the class name only when there is no message. */
    static String oneLine(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            message = e.getClass().getSimpleName();
        }
        return message.replace('\n', ' ').replace('\r', ' ');
    }

    /** Malformed input given on the command line or in the config file (names, references, values) is a usage error, exit 2. */
    static boolean isUsage(Throwable e) {
        return e instanceof UsageException || e instanceof ConfigException || e instanceof IllegalArgumentException;
    }
}
