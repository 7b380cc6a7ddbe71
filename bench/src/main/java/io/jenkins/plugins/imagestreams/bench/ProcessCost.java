package io.jenkins.plugins.imagestreams.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What one run of a command costs, as {@code /usr/bin/time} reports it: wall time, CPU time (user and system, the
 * process and its children) and peak resident memory. The way to measure a one-shot command in a fresh process, JVM
 * start included.
 *
 * @param wallSeconds elapsed time
 * @param cpuSeconds user plus system time
 * @param peakMib the largest resident set size, in MiB
 */
record ProcessCost(double wallSeconds, double cpuSeconds, double peakMib) {
    private static final String TIME = "/usr/bin/time";

    /** Runs {@code command} with {@code env} added to this process's environment; it must exit 0. */
    static ProcessCost of(List<String> command, Map<String, String> env) throws IOException {
        Path report = Files.createTempFile("process-cost-", ".txt");
        try {
            List<String> timed = new ArrayList<>(List.of(TIME, "-f", "%e %U %S %M", "-o", report.toString()));
            timed.addAll(command);
            Tools.run(timed, env, 300);
            String[] fields = Files.readString(report).strip().split("\\s+");
            return new ProcessCost(
                    Double.parseDouble(fields[0]),
                    Double.parseDouble(fields[1]) + Double.parseDouble(fields[2]),
                    Long.parseLong(fields[3]) / 1024.0);
        } finally {
            Files.deleteIfExists(report);
        }
    }

    static ProcessCost of(List<String> command) throws IOException {
        return of(command, Map.of());
    }
}
