package io.jenkins.plugins.imagestreams;

import io.jenkins.plugins.imagestreams.registry.RegistryException;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of one category of {@link HostileInputTest}: each hostile input, the answer it got and whether that was the
 * expected one. {@link #summary()} is the line the benchmark results quote.
 */
final class HostileRows {
    /** Something a row runs; what it returns is the answer when it does not throw. */
    @FunctionalInterface
    interface Attempt {
        Object run() throws Exception;
    }

    private record Row(String label, String answer, boolean asExpected, boolean rejected) {}

    private final String category;
    private final List<Row> rows = new ArrayList<>();

    HostileRows(String category) {
        this.category = category;
    }

    /** Runs {@code attempt} and expects an answer starting with {@code expected} ("rejected: X" or "accepted: Y"). */
    String row(String label, String expected, Attempt attempt) {
        String answer = answer(attempt);
        return add(label, answer, answer.startsWith(expected));
    }

    /** Adds a row whose answer the test worked out itself. */
    String add(String label, String answer, boolean asExpected) {
        rows.add(new Row(label, answer, asExpected, answer.startsWith("rejected")));
        System.out.printf("  [%s] %s -> %s%s%n", category, label, answer, asExpected ? "" : "   <-- UNEXPECTED");
        return answer;
    }

    /** The rows whose answer was not the expected one. */
    List<String> unexpected() {
        return rows.stream()
                .filter(r -> !r.asExpected())
                .map(r -> r.label() + " -> " + r.answer())
                .toList();
    }

    String summary() {
        long rejected =
                rows.stream().filter(r -> r.asExpected() && r.rejected()).count();
        long accepted =
                rows.stream().filter(r -> r.asExpected() && !r.rejected()).count();
        return String.format(
                "HOSTILE %s: %d rows, %d rejected as expected, %d accepted as expected, %d unexpected",
                category, rows.size(), rejected, accepted, unexpected().size());
    }

    /** {@code accepted: <value>} or {@code rejected: <exception>[ <code>]: <message>}, one line, at most 160 chars. */
    static String answer(Attempt attempt) {
        try {
            return "accepted: " + shorten(String.valueOf(attempt.run()));
        } catch (RegistryException e) {
            return "rejected: RegistryException " + e.code() + ": " + shorten(e.getMessage());
        } catch (Exception | StackOverflowError e) {
            return "rejected: " + e.getClass().getSimpleName() + ": " + shorten(String.valueOf(e.getMessage()));
        }
    }

    private static String shorten(String text) {
        String line = text.replaceAll("\\p{Cntrl}", "?");
        return line.length() <= 160 ? line : line.substring(0, 157) + "...";
    }
}
