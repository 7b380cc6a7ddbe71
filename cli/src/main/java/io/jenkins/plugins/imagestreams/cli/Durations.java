package io.jenkins.plugins.imagestreams.cli;

import java.time.Duration;

/** Durations as people type them: {@code 90s}, {@code 5m}, {@code 1h}, {@code 1h30m}, {@code 7d}, or ISO-8601 {@code PT5M}. */
final class Durations {
    private Durations() {}

    /** @throws UsageException naming {@code option} and the forms it accepts */
    static Duration parse(String option, String text) {
        return io.jenkins.plugins.imagestreams.time.Durations.parse(text)
                .orElseThrow(() -> new UsageException(
                        option + " '" + text + "' is not a duration; write it like 90s, 5m, 1h30m, 7d or PT5M"));
    }
}
