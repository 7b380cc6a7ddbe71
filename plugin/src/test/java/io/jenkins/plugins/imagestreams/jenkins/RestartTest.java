package io.jenkins.plugins.imagestreams.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagestreams.jenkins.config.ImageStreamsConfiguration;
import io.jenkins.plugins.imagestreams.jenkins.runtime.ImageStreamsRuntime;
import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.service.ImageStreamService;
import io.jenkins.plugins.imagestreams.service.ImportRequest;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import io.jenkins.plugins.imagestreams.testing.RegistryFixture;
import io.jenkins.plugins.imagestreams.testing.Skopeo;
import io.jenkins.plugins.imagestreams.testing.TestImages;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Level;
import java.util.stream.IntStream;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.jvnet.hudson.test.JenkinsSessionRule;
import org.jvnet.hudson.test.LoggerRule;

public class RestartTest {
    @ClassRule
    public static RegistryFixture registry = RegistryFixture.plain();

    @ClassRule
    public static TemporaryFolder tmp = new TemporaryFolder();

    @Rule
    public JenkinsSessionRule sessions = new JenkinsSessionRule();

    @Rule
    public LoggerRule startup = new LoggerRule()
            .record("jenkins.InitReactorRunner", Level.INFO)
            .record(ImageStreamsRuntime.class, Level.INFO)
            .capture(200);

    @Test
    public void configurationHistoryAndDeliveryMarksSurviveARestart() throws Throwable {
        Digest digest = Digest.parse(
                Skopeo.push(TestImages.image(tmp.newFolder().toPath(), "restart"), registry, "app:latest"));
        sessions.then(r -> {
            WorkflowJob job = TestStreams.triggered(r, "deploy", "app-dev/myapp:latest");
            TestStreams.configureMyappLatest(registry.reference("app:latest"));
            TestStreams.importNow("app-dev", "myapp", "latest");
            r.waitUntilNoActivity();
            assertThat(job.getBuilds()).hasSize(1);
        });
        sessions.then(r -> {
            assertThat(ImageStreamsConfiguration.get().stream("app-dev", "myapp"))
                    .isPresent();
            assertThat(TestStreams.stored("app-dev", "myapp")
                            .currentImage("latest")
                            .orElseThrow()
                            .image())
                    .isEqualTo(digest);
            r.waitUntilNoActivity();
            WorkflowJob job = r.jenkins.getItemByFullName("deploy", WorkflowJob.class);
            assertThat(job.getBuilds())
                    .as("the change was delivered before the restart, not again")
                    .hasSize(1);
        });
    }

    /**
     * Queue.init loads the queue at JOB_CONFIG_ADAPTED and drops what was scheduled before; the service starts (and
     * delivers pending changes as builds) only once Jenkins completed its initialization.
     */
    @Test
    public void theServiceStartsAfterJenkinsCompletedItsInitialization() throws Throwable {
        sessions.then(r -> {
            List<String> messages = startup.getMessages();
            int completed = messages.indexOf("Completed initialization");
            int started = IntStream.range(0, messages.size())
                    .filter(i -> messages.get(i).startsWith("Image streams started"))
                    .max()
                    .orElse(-1);
            assertThat(completed)
                    .as("Jenkins logged its milestones: %s", messages)
                    .isNotNegative();
            assertThat(started)
                    .as("the service started after them: %s", messages)
                    .isGreaterThan(completed);
        });
    }

    @Test
    public void anEventPendingAtShutdownStartsItsBuildOnceAfterTheRestart() throws Throwable {
        Digest digest = Digest.parse(
                Skopeo.push(TestImages.image(tmp.newFolder().toPath(), "pending"), registry, "app:pending"));
        sessions.then(r -> {
            WorkflowJob job = TestStreams.triggered(r, "deploy", "app-dev/myapp:latest");
            TestStreams.configureMyappLatest(registry.reference("app:pending"));
            // the import lands while Jenkins' listeners are gone, as when Jenkins stops between a save and its
            // delivery: the change stays pending in the store
            ImageStreamsRuntime.get().stop();
            ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
            try (ImageStreamService bare = ImageStreamService.builder()
                    .fileStore(r.jenkins.getRootDir().toPath().resolve("image-streams"))
                    .executor(executor)
                    .build()) {
                bare.importTag(
                        ImportRequest.of(new TagSource.ImageStreamTag(StreamName.of("app-dev", "myapp"), "latest")));
            } finally {
                executor.shutdownNow();
            }
            assertThat(job.getBuilds()).isEmpty();
        });
        sessions.then(r -> {
            WorkflowJob job = r.jenkins.getItemByFullName("deploy", WorkflowJob.class);
            Await.until("the pending change starts its build", () -> job.getLastBuild() != null);
            r.waitUntilNoActivity();
            assertThat(job.getBuilds()).hasSize(1);
            r.assertLogContains("digest=" + digest, job.getLastBuild());
        });
        sessions.then(r -> {
            r.waitUntilNoActivity();
            WorkflowJob job = r.jenkins.getItemByFullName("deploy", WorkflowJob.class);
            assertThat(job.getBuilds())
                    .as("delivered once, not again after another restart")
                    .hasSize(1);
        });
    }
}
