package io.jenkins.plugins.imagestreams.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The CPU time a contender costs per operation, split into what the registry process used and what the whole machine
 * used (the contender, the registry and the kernel's share of both), from {@code /proc/stat} and the registry's
 * process accounting. On a machine whose cores the registry shares, this tells the registry's cost from the
 * client's.
 */
final class CpuMeter {
    private static final Path PROC_STAT = Path.of("/proc/stat");
    private static final long NANOS_PER_TICK = 1_000_000_000L / 100;

    private final ProcessHandle registry;
    private final Map<String, List<Double>> registryMicros = new TreeMap<>();
    private final Map<String, List<Double>> machineMicros = new TreeMap<>();

    CpuMeter(ProcessHandle registry) {
        this.registry = registry;
    }

    /** Runs {@code body}, which does {@code operations} operations, and files its CPU under {@code contender}. */
    double measure(String contender, int operations, Timing.Body body) throws Exception {
        long registryBefore = registryNanos();
        long machineBefore = machineBusyNanos();
        long start = System.nanoTime();
        body.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        registryMicros
                .computeIfAbsent(contender, c -> new ArrayList<>())
                .add((registryNanos() - registryBefore) / 1e3 / operations);
        machineMicros
                .computeIfAbsent(contender, c -> new ArrayList<>())
                .add((machineBusyNanos() - machineBefore) / 1e3 / operations);
        return seconds;
    }

    /** The median microseconds of registry CPU per operation for {@code contender}. */
    double registryMicros(String contender) {
        return Stats.median(registryMicros.get(contender));
    }

    /** The median microseconds of the whole machine's CPU per operation for {@code contender}. */
    double machineMicros(String contender) {
        return Stats.median(machineMicros.get(contender));
    }

    private long registryNanos() {
        return registry.info()
                .totalCpuDuration()
                .map(Duration::toNanos)
                .orElseThrow(() -> new IllegalStateException("no CPU accounting for the registry process"));
    }

    /** Busy time of all cores (user, nice, system, irq and softirq of /proc/stat), in nanoseconds. */
    private static long machineBusyNanos() {
        try {
            String[] fields = Files.readAllLines(PROC_STAT).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < fields.length && i <= 7; i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(fields[i]);
                }
            }
            return busy * NANOS_PER_TICK;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + PROC_STAT, e);
        }
    }
}
