package io.jenkins.plugins.imagestreams.time;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them: {@code 90s}, {@code 5m}, {@code 1h30m}, {@code 7d}, or ISO-8601 {@code PT5M}; written
 * back in the first form.
 */
public final class Durations {
    private static final Pattern SIMPLE =
            Pattern.compile("(?:(\\d{1,9})d)?(?:(\\d{1,9})h)?(?:(\\d{1,9})m)?(?:(\\d{1,9})s)?");

    private Durations() {}

    /** The duration {@code text} writes, or empty when it is neither form. */
    public static Optional<Duration> parse(String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        Matcher m = SIMPLE.matcher(value);
        if (!value.isEmpty() && m.matches()) {
            return Optional.of(Duration.ofDays(number(m.group(1)))
                    .plusHours(number(m.group(2)))
                    .plusMinutes(number(m.group(3)))
                    .plusSeconds(number(m.group(4))));
        }
        try {
            return Optional.of(Duration.parse(text.strip().toUpperCase(Locale.ROOT)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** {@code duration} as {@code 1d2h3m4s}, leaving out zero parts; {@code 0s} for zero; sub-second parts dropped. */
    public static String format(Duration duration) {
        long seconds = duration.getSeconds();
        if (seconds == 0) {
            return "0s";
        }
        StringBuilder text = new StringBuilder(seconds < 0 ? "-" : "");
        long left = Math.abs(seconds);
        append(text, left / 86_400, "d");
        append(text, left % 86_400 / 3_600, "h");
        append(text, left % 3_600 / 60, "m");
        append(text, left % 60, "s");
        return text.toString();
    }

    private static void append(StringBuilder text, long amount, String unit) {
        if (amount > 0) {
            text.append(amount).append(unit);
        }
    }

    private static long number(String group) {
        return group == null ? 0 : Long.parseLong(group);
    }
}
