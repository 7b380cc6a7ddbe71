package io.jenkins.plugins.imagestreams.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.Test;

/**
 * Stored times read by hand agree with {@link Instant#parse} on every text, accepted or not, and written by hand with
 * {@link Instant#toString()} on every instant.
 */
public class UtcTimesTest {
    @Test
    public void writesWhatInstantWritesAtEveryPrecisionAndYear() {
        Random random = new Random(23);
        for (int i = 0; i < 20_000; i++) {
            long seconds = random.nextLong(
                    Instant.parse("-0100-01-01T00:00:00Z").getEpochSecond(),
                    Instant.parse("+10100-12-31T23:59:59Z").getEpochSecond());
            int nanos =
                    switch (i % 5) {
                        case 0 -> 0;
                        case 1 -> random.nextInt(1000) * 1_000_000;
                        case 2 -> random.nextInt(1_000_000) * 1000;
                        case 3 -> random.nextInt(1_000_000_000);
                        default -> random.nextInt(10) * 100_000_000;
                    };
            Instant instant = Instant.ofEpochSecond(seconds, nanos);
            assertThat(UtcTimes.format(instant)).isEqualTo(instant.toString());
        }
        for (String edge : new String[] {
            "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "1970-01-01T00:00:00Z",
            "1969-12-31T23:59:59.000001Z", "2024-02-29T00:00:00.100Z", "2026-12-04T01:05:00Z"
        }) {
            Instant instant = Instant.parse(edge);
            assertThat(UtcTimes.format(instant))
                    .as(edge)
                    .isEqualTo(instant.toString())
                    .isEqualTo(edge);
        }
        for (Instant outside : new Instant[] {Instant.MIN, Instant.MAX, Instant.parse("-0001-12-31T23:59:59Z")}) {
            assertThat(UtcTimes.format(outside)).isEqualTo(outside.toString());
        }
    }

    @Test
    public void readsWhatInstantWritesAtEveryPrecision() {
        Random random = new Random(17);
        for (int i = 0; i < 20_000; i++) {
            long seconds = random.nextLong(
                    Instant.parse("0000-01-01T00:00:00Z").getEpochSecond(),
                    Instant.parse("9999-12-31T23:59:59Z").getEpochSecond());
            int nanos =
                    switch (i % 4) {
                        case 0 -> 0;
                        case 1 -> random.nextInt(1000) * 1_000_000;
                        case 2 -> random.nextInt(1_000_000) * 1000;
                        default -> random.nextInt(1_000_000_000);
                    };
            Instant instant = Instant.ofEpochSecond(seconds, nanos);
            assertThat(UtcTimes.parse(instant.toString())).isEqualTo(instant);
        }
    }

    @Test
    public void readsFractionsOfAnyLengthAsInstantDoes() {
        for (String text : new String[] {
            "2026-01-31T12:00:00.1Z", "2026-01-31T12:00:00.12Z", "2026-01-31T12:00:00.1234Z",
            "2026-01-31T12:00:00.12345678Z", "2026-02-28T23:59:59.999999999Z", "2024-02-29T00:00:00Z"
        }) {
            assertThat(UtcTimes.parse(text)).as(text).isEqualTo(Instant.parse(text));
        }
    }

    @Test
    public void leavesOtherShapesToInstantWhichAcceptsOrRejectsThemAsBefore() {
        // Instant.parse accepts a leap second, hour 24 and an empty fraction; the rest it rejects
        for (String odd : new String[] {
            "2016-12-31T23:59:60Z",
            "2026-01-01T24:00:00Z",
            "2026-01-01T00:00:00.Z",
            "2026-02-30T00:00:00Z",
            "2026-13-01T00:00:00Z",
            "2026-01-01T00:60:00Z",
            "2026-01-01T00:00:00",
            "2026-01-01 00:00:00Z",
            "2026-01-01T00:00:00.1234567890Z",
            "2026-01-01T00:00:0aZ",
            "+2026-01-01T00:00:00Z",
            "yesterday",
            "",
            "2026-01-01T00:00:00+01:00x"
        }) {
            Instant expected;
            try {
                expected = Instant.parse(odd);
            } catch (DateTimeParseException e) {
                assertThatThrownBy(() -> UtcTimes.parse(odd)).as(odd).isInstanceOf(DateTimeParseException.class);
                continue;
            }
            assertThat(UtcTimes.parse(odd)).as(odd).isEqualTo(expected);
        }
    }
}
