package io.jenkins.plugins.imagestreams.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one run of a command costs: wall time and CPU time (user and system, the process and its children) to the
 * millisecond, as bash's {@code time} reports them from the kernel's accounting, and peak resident memory, as {@code
 * /usr/bin/time} reports it (its own times have two decimals only, too coarse for a command of a tenth of a second).
 * The way to measure a one-shot command in a fresh process, JVM start included.
 *
 * @param wallSeconds elapsed time
 * @param cpuSeconds user plus system time
 * @param peakMib the largest resident set size, in MiB
 */
record ProcessCost(double wallSeconds, double cpuSeconds, double peakMib) {
    private static final String TIME = "/usr/bin/time";

    /** Runs {@code command} with {@code env} added to this process's environment; it must exit 0. */
    static ProcessCost of(List<String> command, Map<String, String> env) throws IOException {
        Path times = Files.createTempFile("process-cost-", ".times");
        Path memory = Files.createTempFile("process-cost-", ".memory");
        try {
            // the command's standard error goes where the shell's went (descriptor 3); time's report to the file
            List<String> timed = new ArrayList<>(List.of(
                    "bash",
                    "-c",
                    "TIMEFORMAT='%3R %3U %3S'; { time \"$@\" 2>&3; } 3>&2 2>\"$PROCESS_COST_TIMES\"",
                    "process-cost",
                    TIME,
                    "-f",
                    "%M",
                    "-o",
                    memory.toString()));
            timed.addAll(command);
            Map<String, String> withReport = new HashMap<>(env);
            withReport.put("PROCESS_COST_TIMES", times.toString());
            Tools.run(timed, withReport, 300);
            String[] fields = Files.readString(times).strip().split("\\s+");
            return new ProcessCost(
                    Double.parseDouble(fields[0]),
                    Double.parseDouble(fields[1]) + Double.parseDouble(fields[2]),
                    Long.parseLong(Files.readString(memory).strip()) / 1024.0);
        } finally {
            Files.deleteIfExists(times);
            Files.deleteIfExists(memory);
        }
    }

    static ProcessCost of(List<String> command) throws IOException {
        return of(command, Map.of());
    }
}
