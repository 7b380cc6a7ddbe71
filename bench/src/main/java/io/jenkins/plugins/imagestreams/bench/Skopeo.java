package io.jenkins.plugins.imagestreams.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The peer users script today: one {@code skopeo} process per digest check or copy. */
final class Skopeo {
    private Skopeo() {}

    /**
     * Inspects each {@code host/repository:tag} over plain HTTP, one process each.
     *
     * @return the wall time in seconds
     */
    static double inspectAll(List<String> references) throws IOException {
        long start = System.nanoTime();
        for (String reference : references) {
            Tools.run(List.of("skopeo", "inspect", "--raw", "--tls-verify=false", "docker://" + reference), 60);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * {@code skopeo copy docker://from docker://to} over plain HTTP, with skopeo's blob-info cache as the machine has
     * it: once skopeo has seen where a blob lives, it mounts the blob instead of copying it.
     */
    static void copy(String from, String to) throws IOException {
        Tools.run(copyCommand(from, to), 300);
    }

    /**
     * The same copy with an empty blob-info cache, as on a CI agent that starts fresh: skopeo knows no other location
     * of the blobs, so it reads and writes every byte. Its cache goes to a temporary folder of its own (as root, skopeo
     * runs as {@code nobody} there, since root's cache has a fixed path); the machine's cache is not touched.
     */
    static void copyWithFreshCache(String from, String to) throws IOException {
        copyWithFreshCache(from, to, command -> Tools.run(command, 300));
    }

    /** Runs a command, measuring it or not. */
    @FunctionalInterface
    interface Runner<T> {
        T run(List<String> command) throws IOException;
    }

    /** {@link #copyWithFreshCache(String, String)}, run by {@code runner} (which may measure it). */
    static <T> T copyWithFreshCache(String from, String to, Runner<T> runner) throws IOException {
        Path home = Files.createTempDirectory("skopeo-cache-");
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxrwxrwx"));
        try {
            List<String> command = new ArrayList<>();
            if (isRoot()) {
                command.addAll(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
            }
            command.addAll(List.of("env", "HOME=" + home, "XDG_DATA_HOME=" + home, "XDG_RUNTIME_DIR=" + home));
            command.addAll(copyCommand(from, to));
            return runner.run(command);
        } finally {
            try (Stream<Path> files = Files.walk(home)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private static List<String> copyCommand(String from, String to) {
        return List.of(
                "skopeo",
                "copy",
                "--src-tls-verify=false",
                "--dest-tls-verify=false",
                "docker://" + from,
                "docker://" + to);
    }

    private static boolean isRoot() throws IOException {
        return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    }
}
