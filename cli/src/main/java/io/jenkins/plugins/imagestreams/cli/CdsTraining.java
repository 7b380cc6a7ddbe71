package io.jenkins.plugins.imagestreams.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs the short commands once in this JVM, so that the classes they load go into the class-data-sharing archive the
 * build writes beside the jar ({@code -XX:ArchiveClassesAtExit}) and the launcher maps at every start. Not a command:
 * everything happens in a temporary store, against two {@link TrainingRegistry}s of its own on loopback, and prints
 * nothing. The commands take the paths users take, the successful ones (an import, a whole repository's import, a
 * digest, a copy whose layer is streamed in an upload session) and the failing ones (a tag the registry does not
 * have); a class first loaded on a path the training skips is read from the jar at every start.
 */
public final class CdsTraining {
    /** A layer just over the client's one-request upload limit, so that the copy streams it in a session. */
    private static final int LAYER_BYTES = 1024 * 1024 + 1;

    private CdsTraining() {}

    /** One command of the training and the exit code it must end with. */
    record Run(List<String> args, int exitCode) {
        Run(int exitCode, String... args) {
            this(List.of(args), exitCode);
        }
    }

    public static void main(String[] args) throws IOException {
        Path store = Files.createTempDirectory("imagestreams-cds-");
        try (TrainingRegistry source = TrainingRegistry.start();
                TrainingRegistry target = TrainingRegistry.start()) {
            PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
            for (Run run : runs(store.toString(), source, target)) {
                Main.run(run.args().toArray(String[]::new), nowhere, nowhere);
            }
        } finally {
            try (Stream<Path> files = Files.walk(store)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    /** The commands of the training, in order, with {@code source} holding {@code t/app} and {@code target} empty. */
    static List<Run> runs(String store, TrainingRegistry source, TrainingRegistry target) {
        byte[] layer = new byte[LAYER_BYTES];
        Arrays.fill(layer, (byte) 't');
        source.push("t/app", layer, List.of("latest", "1.0", "1.1"));
        String from = source.host() + "/t/app";
        return List.of(
                new Run(Main.OK, "--help"),
                new Run(Main.OK, "--store", store, "get", "streams"),
                new Run(Main.OK, "--store", store, "import-image", "t/app:latest", "--from", from + ":latest"),
                new Run(Main.FAILURE, "--store", store, "import-image", "t/gone:latest", "--from", from + ":gone"),
                new Run(Main.OK, "--store", store, "import-image", "t/all", "--from", from, "--all"),
                new Run(Main.OK, "--store", store, "describe", "t/app"),
                new Run(Main.OK, "--store", store, "-o", "json", "describe", "t/app"),
                new Run(Main.OK, "--store", store, "-o", "yaml", "get", "streams"),
                new Run(Main.OK, "--store", store, "history", "t/app:latest"),
                new Run(Main.OK, "--store", store, "get", "environments"),
                new Run(Main.OK, "--store", store, "tag", "t/app:latest", "t/app:stable"),
                new Run(Main.OK, "digest", from + ":latest"),
                new Run(Main.FAILURE, "digest", from + ":gone"),
                new Run(Main.OK, "copy", from + ":latest", target.host() + "/t/copy:latest"));
    }
}
