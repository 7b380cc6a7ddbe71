package io.jenkins.plugins.imagestreams.cli;

import static io.jenkins.plugins.imagestreams.cli.Polling.freePort;
import static io.jenkins.plugins.imagestreams.cli.Polling.lines;
import static io.jenkins.plugins.imagestreams.cli.Polling.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.testing.RegistryFixture;
import io.jenkins.plugins.imagestreams.testing.Skopeo;
import io.jenkins.plugins.imagestreams.testing.TestImages;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The launcher script as a process: one-shot commands, then {@code watch} receiving the real registry's push
 * notifications and running {@code --exec} once per new digest, stopped by SIGTERM without losing a change.
 */
public class LauncherWatchTest {
    private static final String SECRET = "launcher-test-secret-0123456789";

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void launcherRunsTheCommandAndReportsItsVersionAndExitCodes() throws Exception {
        Launcher launcher = Launcher.install(tmp.newFolder("bin").toPath());
        Cli.Result version = launcher.run(tmp.newFile().toPath(), "--version");
        assertThat(version.exit()).isZero();
        assertThat(version.out()).startsWith("imagestreams ");
        Cli.Result usage = launcher.run(tmp.newFile().toPath(), "describe", "Bad/..");
        assertThat(usage.exit()).isEqualTo(Main.USAGE);
        assertThat(usage.out().strip().lines()).hasSize(1);
        Cli.Result missing =
                launcher.run(tmp.newFile().toPath(), "--store", tmp.newFolder().toString(), "describe", "nope");
        assertThat(missing.exit()).isEqualTo(Main.FAILURE);
    }

    @Test
    public void watchRunsExecOncePerNewDigestFromPushNotificationsAndStopsCleanlyOnSigterm() throws Exception {
        int watchPort = freePort();
        URI endpoint = URI.create("http://127.0.0.1:" + watchPort + "/notify/distribution/" + SECRET);
        try (RegistryFixture registry =
                RegistryFixture.builder().notifications(endpoint).build().start()) {
            Launcher launcher = Launcher.install(tmp.newFolder("bin").toPath());
            Path store = tmp.newFolder("store").toPath();
            Path execLog = tmp.getRoot().toPath().resolve("exec.log");
            Digest v1 = Digest.parse(
                    Skopeo.push(TestImages.image(tmp.newFolder().toPath(), "watch v1"), registry, "demo/w:latest"));
            Cli.Result imported = launcher.run(
                    tmp.newFile().toPath(),
                    "--store",
                    store.toString(),
                    "import-image",
                    "app-dev/w:latest",
                    "--from",
                    registry.host() + "/demo/w:latest",
                    "--scheduled");
            assertThat(imported.exit()).as(imported.toString()).isZero();
            assertThat(imported.out()).contains("imported " + v1);

            String[] watch = {
                "--store",
                store.toString(),
                "watch",
                "--interval",
                "1h",
                "--listen",
                "127.0.0.1:" + watchPort,
                "--webhook-secret",
                SECRET,
                "--exec",
                "echo \"$IMAGE_STREAM_TAG $IMAGE_DIGEST prev=$IMAGE_PREVIOUS_DIGEST $IMAGE_REFERENCE\" >> " + execLog
            };
            Path watchLog = tmp.newFile("watch.log").toPath();
            Process process = launcher.start(watchLog, watch);
            try {
                waitFor(() -> lines(execLog).size() == 1, "the first exec for the current image", watchLog);
                assertThat(lines(execLog).get(0))
                        .isEqualTo("app-dev/w:latest " + v1 + " prev= " + registry.host() + "/demo/w@" + v1);

                Digest v2 = Digest.parse(
                        Skopeo.push(TestImages.image(tmp.newFolder().toPath(), "watch v2"), registry, "demo/w:latest"));
                waitFor(() -> lines(execLog).size() == 2, "the exec for the pushed image", watchLog);
                assertThat(lines(execLog).get(1))
                        .isEqualTo("app-dev/w:latest " + v2 + " prev=" + v1 + " " + registry.host() + "/demo/w@" + v2);

                assertThat(post("http://127.0.0.1:" + watchPort + "/notify/distribution/wrong-secret-0123456789abc"))
                        .isIn(401, 403, 404);
                Skopeo.push(TestImages.image(tmp.newFolder().toPath(), "watch v2"), registry, "demo/w:latest");
                Thread.sleep(1500);
                assertThat(lines(execLog))
                        .as("the same digest pushed again runs nothing")
                        .hasSize(2);
            } finally {
                process.destroy();
                assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(read(watchLog)).contains("watch: stopped; every change seen was saved");

            Path again = tmp.newFile("watch-again.log").toPath();
            Process restarted = launcher.start(again, watch);
            try {
                waitFor(() -> read(again).contains("watch: watching"), "the restarted watch", again);
                Thread.sleep(1000);
                assertThat(lines(execLog))
                        .as("a restart runs nothing already run")
                        .hasSize(2);
            } finally {
                restarted.destroy();
                assertThat(restarted.waitFor(60, TimeUnit.SECONDS)).isTrue();
            }
        }
    }

    private static int post(String url) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/vnd.docker.distribution.events.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"events\":[]}"))
                .build();
        return HttpClient.newHttpClient()
                .send(request, HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static void waitFor(BooleanSupplier condition, String what, Path log) throws Exception {
        Polling.waitFor(condition, what, Duration.ofSeconds(30), () -> "the watch printed:\n" + read(log));
    }
}
