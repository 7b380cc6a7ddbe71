package io.jenkins.plugins.imagestreams.events;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Who holds a delivery claim: {@code host/pid@start}, one process on one host. A claim left by a process of this host
 * that is no longer running (a crash, a restarted container) is void at once, so a restart delivers what its
 * predecessor claimed without waiting for the claim to lapse; a claim of another host holds until it lapses.
 *
 * @param host the host name (a pod's name in Kubernetes)
 * @param pid the process id
 * @param start when the process started, in milliseconds since the epoch (pids are reused)
 */
public record Instance(String host, long pid, long start) {
    public Instance {
        Objects.requireNonNull(host, "host");
        if (host.isBlank() || host.contains("/") || host.contains("@")) {
            throw new IllegalArgumentException(
                    "an instance's host must be a name without '/' or '@', was '" + host + "'");
        }
    }

    /** This process. */
    public static Instance current() {
        ProcessHandle self = ProcessHandle.current();
        return new Instance(hostName(), self.pid(), startOf(self).orElse(0L));
    }

    /** The id saved in claims: {@code host/pid@start}. */
    public String id() {
        return host + "/" + pid + "@" + start;
    }

    /**
     * Whether {@code holder} names a process of this host that has ended: its pid runs no process, or one started at
     * another time. Holders of other hosts, and ids this cannot read, are never gone.
     */
    public boolean outlived(String holder) {
        int slash = holder.lastIndexOf('/');
        int at = holder.lastIndexOf('@');
        if (slash <= 0 || at < slash || !holder.substring(0, slash).equals(host)) {
            return false;
        }
        long holderPid;
        long holderStart;
        try {
            holderPid = Long.parseLong(holder.substring(slash + 1, at));
            holderStart = Long.parseLong(holder.substring(at + 1));
        } catch (NumberFormatException e) {
            return false;
        }
        if (holderPid == pid) {
            return holderStart != start;
        }
        Optional<ProcessHandle> running = ProcessHandle.of(holderPid);
        return running.isEmpty()
                || startOf(running.get()).map(s -> s != holderStart).orElse(false);
    }

    private static Optional<Long> startOf(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toEpochMilli);
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env.strip().replaceAll("[/@]", "-");
        }
        try {
            String name = Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.US_ASCII)
                    .strip();
            if (!name.isEmpty()) {
                return name.replaceAll("[/@]", "-");
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: the loopback name below
        }
        return "localhost";
    }
}
