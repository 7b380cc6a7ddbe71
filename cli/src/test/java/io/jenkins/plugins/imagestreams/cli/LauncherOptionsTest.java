package io.jenkins.plugins.imagestreams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The JVM options the launcher script chooses: the class-data-sharing archive, mapped at the address it was made for,
 * when one lies beside the jar, and the C1 compiler, the serial collector, larger HTTP buffers and no performance-counter
 * file for every command but {@code watch}, with compiling put off for the briefest; options from {@code
 * IMAGESTREAMS_JAVA_OPTS} last. A stand-in {@code java} ({@code $JAVA}) prints the arguments it was given.
 */
public class LauncherOptionsTest {
    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    private Path install(boolean archive) throws IOException {
        Path dir = tmp.newFolder("install dir").toPath();
        Path script = Files.copy(Path.of("src/main/sh/imagestreams"), dir.resolve("imagestreams"));
        script.toFile().setExecutable(true);
        Files.writeString(dir.resolve("imagestreams.jar"), "");
        if (archive) {
            Files.writeString(dir.resolve("imagestreams.jsa"), "");
        }
        return dir;
    }

    private List<String> javaArgs(Path dir, String... args) throws Exception {
        return javaArgsWith(dir, null, args);
    }

    /** As {@link #javaArgs}, with {@code IMAGESTREAMS_JAVA_OPTS} set to {@code javaOpts} unless it is null. */
    private List<String> javaArgsWith(Path dir, String javaOpts, String... args) throws Exception {
        return javaArgsVia(dir.resolve("imagestreams"), javaOpts, args);
    }

    /** As {@link #javaArgsWith}, starting the launcher as {@code script}, which may be a link to it. */
    private List<String> javaArgsVia(Path script, String javaOpts, String... args) throws Exception {
        Path java = tmp.getRoot().toPath().resolve("java");
        Files.writeString(java, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done\n");
        java.toFile().setExecutable(true);
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("JAVA", java.toString());
        builder.environment().remove("IMAGESTREAMS_JAVA_OPTS");
        if (javaOpts != null) {
            builder.environment().put("IMAGESTREAMS_JAVA_OPTS", javaOpts);
        }
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out.lines().toList();
    }

    @Test
    public void aLinkToTheLauncherRelativeOrAbsoluteFindsTheJarAndArchiveBesideTheScript() throws Exception {
        Path dir = install(true);
        Path bin = tmp.newFolder("bin").toPath();
        Path links = tmp.newFolder("links").toPath();
        Files.createSymbolicLink(bin.resolve("absolute"), dir.resolve("imagestreams"));
        Files.createSymbolicLink(links.resolve("imagestreams"), Path.of("../bin/absolute"));

        for (Path start : List.of(links.resolve("imagestreams"), bin.resolve("absolute"))) {
            assertThat(javaArgsVia(start, null, "get", "streams"))
                    .as("started as %s", start)
                    .contains("-XX:SharedArchiveFile=" + dir.resolve("imagestreams.jsa"))
                    .containsSequence("-cp", dir.resolve("imagestreams.jar").toString());
        }
    }

    @Test
    public void shortCommandsRunWithC1AndTheSerialCollectorAndTheArchiveBesideTheJar() throws Exception {
        Path dir = install(true);

        List<String> digest = javaArgs(dir, "--store", "watch", "-o", "json", "digest", "reg/app:1");

        assertThat(digest)
                .startsWith(
                        "-XX:SharedArchiveFile=" + dir.resolve("imagestreams.jsa"),
                        "-Xlog:cds=off,cds+dynamic=off",
                        "-XX:+UnlockDiagnosticVMOptions",
                        "-XX:ArchiveRelocationMode=0",
                        "-XX:TieredStopAtLevel=1",
                        "-XX:+UseSerialGC",
                        "-Xms16m",
                        "-XX:-UsePerfData",
                        "-Djdk.httpclient.bufsize=65536",
                        "-XX:CompileThresholdScaling=3",
                        "-cp",
                        dir.resolve("imagestreams.jar").toString(),
                        Main.class.getName())
                .endsWith("--store", "watch", "-o", "json", "digest", "reg/app:1");
    }

    @Test
    public void watchKeepsTheJvmDefaultsAndCopyDoesNot() throws Exception {
        Path dir = install(true);

        assertThat(javaArgs(dir, "--store=/tmp/s", "watch", "--listen", "127.0.0.1:8080"))
                .doesNotContain("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")
                .contains("-XX:SharedArchiveFile=" + dir.resolve("imagestreams.jsa"));
        assertThat(javaArgs(dir, "copy", "a/b:1", "c/d:1")).contains("-XX:TieredStopAtLevel=1");
    }

    @Test
    public void allButTheLongestCommandsPutOffCompiling() throws Exception {
        Path dir = install(true);
        String later = "-XX:CompileThresholdScaling=3";

        for (List<String> brief : List.of(
                List.of("get", "streams"),
                List.of("--store", "import-image", "digest", "reg/app:1"),
                List.of("import-image", "app", "--from", "reg/app:1"),
                List.of("describe", "app"),
                List.of("copy", "a/b:1", "c/d:1"),
                List.of("promote", "app:1", "--to", "prod"),
                List.of("--help"))) {
            assertThat(javaArgs(dir, brief.toArray(String[]::new)))
                    .as("imagestreams %s", brief)
                    .contains(later, "-XX:TieredStopAtLevel=1");
        }
        for (List<String> longer : List.of(
                List.of("import-image", "app", "--from", "reg/app", "--all"),
                List.of("--store", "s", "import-image", "--all", "app", "--from", "reg/app"),
                List.of("copy-store", "--to", "k8s://"))) {
            assertThat(javaArgs(dir, longer.toArray(String[]::new)))
                    .as("imagestreams %s", longer)
                    .doesNotContain(later)
                    .contains("-XX:TieredStopAtLevel=1");
        }
        assertThat(javaArgs(dir, "watch")).doesNotContain(later, "-XX:TieredStopAtLevel=1");
    }

    @Test
    public void withoutAnArchiveTheJvmIsNotToldOfOne() throws Exception {
        Path dir = install(false);

        assertThat(javaArgs(dir, "get", "streams"))
                .noneMatch(arg -> arg.contains("SharedArchiveFile") || arg.contains("ArchiveRelocationMode"))
                .contains("-XX:TieredStopAtLevel=1");
    }

    @Test
    public void optionsFromTheEnvironmentComeAfterTheLaunchersSoTheyWin() throws Exception {
        Path dir = install(true);

        List<String> args = javaArgsWith(dir, "-XX:ArchiveRelocationMode=1 -Xmx64m", "get", "streams");

        assertThat(args.indexOf("-XX:ArchiveRelocationMode=1"))
                .isGreaterThan(args.indexOf("-XX:ArchiveRelocationMode=0"))
                .isLessThan(args.indexOf("-cp"));
        assertThat(args).contains("-Xmx64m");
    }

    @Test
    public void theRealJvmTakesEveryOptionTheLauncherGivesIt() throws Exception {
        Path dir = tmp.newFolder("real").toPath();
        Launcher launcher = Launcher.install(dir);
        // an archive this JVM did not make is ignored, but the options that come with one are still parsed
        Files.writeString(dir.resolve("imagestreams.jsa"), "");

        Cli.Result version = launcher.run(tmp.newFile().toPath(), "--version");

        assertThat(version.exit()).as(version.out()).isZero();
        assertThat(version.out()).startsWith("imagestreams ");
    }
}
