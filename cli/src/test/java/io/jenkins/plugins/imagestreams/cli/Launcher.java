package io.jenkins.plugins.imagestreams.cli;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * The real launcher script ({@code src/main/sh/imagestreams}) installed in a folder next to an {@code imagestreams.jar}
 * whose manifest names {@link Main} and this test's class path, so the script runs the code under test as a process,
 * exactly as it runs the shaded jar.
 */
final class Launcher {
    private final Path script;

    private Launcher(Path script) {
        this.script = script;
    }

    static Launcher install(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path script = dir.resolve("imagestreams");
        Files.copy(Path.of("src/main/sh/imagestreams"), script, StandardCopyOption.REPLACE_EXISTING);
        if (!script.toFile().setExecutable(true)) {
            throw new IOException("cannot make " + script + " executable");
        }
        Manifest manifest = new Manifest();
        Attributes attributes = manifest.getMainAttributes();
        attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        attributes.put(Attributes.Name.MAIN_CLASS, Main.class.getName());
        attributes.put(Attributes.Name.CLASS_PATH, classPath());
        try (OutputStream out = Files.newOutputStream(dir.resolve("imagestreams.jar"));
                JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.flush();
        }
        return new Launcher(script);
    }

    private static String classPath() {
        String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> urls = new ArrayList<>();
        for (String entry : path.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                urls.add(Path.of(entry).toAbsolutePath().toUri().toString());
            }
        }
        return String.join(" ", urls);
    }

    /** Starts {@code imagestreams args...}, standard error merged into standard output written to {@code log}. */
    Process start(Path log, String... args) throws IOException {
        return start(log, Map.of(), args);
    }

    /** As {@link #start(Path, String...)}, with {@code environment} added to this process's. */
    Process start(Path log, Map<String, String> environment, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(script.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        return builder.redirectOutput(log.toFile()).start();
    }

    /** Runs {@code imagestreams args...} to its end; the exit code and what it printed. */
    Cli.Result run(Path log, String... args) throws IOException, InterruptedException {
        Process process = start(log, args);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("imagestreams " + String.join(" ", args) + " did not finish in 60 s");
        }
        return new Cli.Result(process.exitValue(), Files.readString(log), "");
    }
}
