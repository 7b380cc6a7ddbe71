package io.jenkins.plugins.imagestreams.cli;

import java.time.Duration;
import java.time.Instant;

/** Ages as kubectl prints them: {@code 45s}, {@code 3m}, {@code 5h}, {@code 2d}. */
final class Ages {
    private Ages() {}

    static String between(Instant then, Instant now) {
        Duration age = Duration.between(then, now);
        if (age.isNegative()) {
            return "0s";
        }
        long seconds = age.getSeconds();
        if (seconds < 120) {
            return seconds + "s";
        }
        if (seconds < 2 * 3600) {
            return seconds / 60 + "m";
        }
        if (seconds < 2 * 86400) {
            return seconds / 3600 + "h";
        }
        return seconds / 86400 + "d";
    }
}
