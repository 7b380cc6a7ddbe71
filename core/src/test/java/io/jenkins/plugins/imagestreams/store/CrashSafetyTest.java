package io.jenkins.plugins.imagestreams.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagestreams.json.StreamJson;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.Versioned;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class CrashSafetyTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void killingAWriterMidLoopLeavesEveryFileParseable() throws Exception {
        Path root = tmp.getRoot().toPath();
        JsonFileStore reader = new JsonFileStore(root);
        long lastVersion = 0;
        for (int round = 0; round < 3; round++) {
            Process child = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-cp",
                            System.getProperty("java.class.path"),
                            CrashingWriter.class.getName(),
                            root.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(tmp.newFile("child-" + round + ".log"))
                    .start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            long target = lastVersion + 15 + round * 7;
            while (version(reader, "crash-a") < target && System.nanoTime() < deadline && child.isAlive()) {
                Thread.sleep(2); // polling the real child process; every load here must parse as well
            }
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            long now = version(reader, "crash-a");
            assertThat(now).as("the writer made progress in round " + round).isGreaterThanOrEqualTo(target);
            lastVersion = now;
            for (StreamName name : reader.list()) {
                assertThat(reader.load(name)).isPresent();
            }
            try (var files = Files.walk(root)) {
                for (Path file :
                        files.filter(f -> f.toString().endsWith(".json")).toList()) {
                    assertThat(StreamJson.read(Files.readAllBytes(file))
                                    .value()
                                    .history("latest")
                                    .items())
                            .isNotEmpty();
                }
            }
        }
        assertThat(new File(root.toFile(), "default").list()).contains("crash-a.json", "crash-b.json");
    }

    private static long version(JsonFileStore store, String name) {
        return store.load(StreamName.parse(name)).map(Versioned::version).orElse(0L);
    }
}
