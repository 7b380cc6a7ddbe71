package io.jenkins.plugins.imagestreams.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.ExtensionList;
import hudson.util.Secret;
import io.jenkins.plugins.imagestreams.events.ImageChanged;
import io.jenkins.plugins.imagestreams.jenkins.config.ImageStreamsConfiguration;
import io.jenkins.plugins.imagestreams.jenkins.config.WebhookEndpoint;
import io.jenkins.plugins.imagestreams.jenkins.trigger.BuildTriggerListener;
import io.jenkins.plugins.imagestreams.jenkins.trigger.ImageStreamCause;
import io.jenkins.plugins.imagestreams.jenkins.trigger.ImageStreamTrigger;
import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.TagEvent;
import io.jenkins.plugins.imagestreams.testing.RegistryFixture;
import io.jenkins.plugins.imagestreams.testing.Skopeo;
import io.jenkins.plugins.imagestreams.testing.TestImages;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.jvnet.hudson.test.JenkinsRule;

public class ImageStreamTriggerTest {
    private static final String TOKEN = "t0k3n-for-the-registry-notifications";
    private static final String SCRIPT = "echo \"stream=${env.IMAGE_STREAM}:${env.IMAGE_STREAM_TAG}"
            + " digest=${env.IMAGE_DIGEST} reference=${env.IMAGE_REFERENCE} previous=[${env.IMAGE_PREVIOUS_DIGEST}]\"";

    @Rule
    public JenkinsRule r = new JenkinsRule();

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private RegistryFixture registry;

    @After
    public void stopRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    public void eachPushedDigestStartsOneBuildWithCauseAndVariables() throws Exception {
        registry = RegistryFixture.plain().start();
        Digest first =
                Digest.parse(Skopeo.push(TestImages.image(tmp.newFolder().toPath(), "one"), registry, "app:latest"));
        WorkflowJob job = TestStreams.pipeline(r, "deploy-dev", SCRIPT);
        job.addTrigger(new ImageStreamTrigger("app-dev/myapp:latest"));
        TestStreams.configureMyappLatest(registry.reference("app:latest"));

        TestStreams.importNow("app-dev", "myapp", "latest");
        r.waitUntilNoActivity();

        WorkflowRun b1 = job.getBuildByNumber(1);
        assertThat(b1).isNotNull();
        r.assertBuildStatusSuccess(b1);
        r.assertLogContains("stream=app-dev/myapp:latest digest=" + first, b1);
        r.assertLogContains("reference=" + registry.reference("app@" + first), b1);
        r.assertLogContains("previous=[]", b1);
        ImageStreamCause cause1 = b1.getCause(ImageStreamCause.class);
        assertThat(cause1.getDigest()).isEqualTo(first.toString());
        assertThat(cause1.getShortDescription()).startsWith("app-dev/myapp:latest now points at " + first.shortForm());

        Digest second =
                Digest.parse(Skopeo.push(TestImages.image(tmp.newFolder().toPath(), "two"), registry, "app:latest"));
        TestStreams.importNow("app-dev", "myapp", "latest");
        TestStreams.importNow("app-dev", "myapp", "latest");
        r.waitUntilNoActivity();

        assertThat(job.getBuilds()).hasSize(2);
        WorkflowRun b2 = job.getBuildByNumber(2);
        r.assertLogContains("digest=" + second, b2);
        r.assertLogContains("previous=[" + first + "]", b2);
        assertThat(b2.getCause(ImageStreamCause.class).getShortDescription())
                .isEqualTo("app-dev/myapp:latest changed " + first.shortForm() + "… → " + second.shortForm() + "…");
    }

    @Test
    public void aChangeOfferedAgainAfterItsBuildStartedStartsNoSecondBuild() throws Exception {
        registry = RegistryFixture.plain().start();
        Digest first =
                Digest.parse(Skopeo.push(TestImages.image(tmp.newFolder().toPath(), "one"), registry, "app:latest"));
        WorkflowJob job = TestStreams.pipeline(r, "deploy-dev", "echo \"delivery=${env.IMAGE_DELIVERY_ID}\"");
        job.addTrigger(new ImageStreamTrigger("app-dev/myapp:latest"));
        TestStreams.configureMyappLatest(registry.reference("app:latest"));
        TestStreams.importNow("app-dev", "myapp", "latest");
        r.waitUntilNoActivity();
        TagEvent head = TestStreams.stored("app-dev", "myapp")
                .history("latest")
                .current()
                .orElseThrow();
        ImageChanged change = new ImageChanged(
                StreamName.parse("app-dev/myapp"),
                "latest",
                Optional.empty(),
                first,
                head.dockerImageReference(),
                head.generation());
        r.assertLogContains("delivery=" + change.deliveryId(), job.getBuildByNumber(1));
        BuildTriggerListener trigger = ExtensionList.lookupSingleton(BuildTriggerListener.class);

        trigger.imageChanged(change.asAttempt(2));
        r.waitUntilNoActivity();
        assertThat(job.getBuilds()).as("the change's build had started").hasSize(1);

        job.getBuildByNumber(1).delete();
        trigger.imageChanged(change.asAttempt(3));
        r.waitUntilNoActivity();
        assertThat(job.getBuilds()).as("no build of the change left").hasSize(1);
        r.assertLogContains("delivery=" + change.deliveryId(), job.getBuildByNumber(2));
    }

    @Test
    public void scheduledImportAndRegistryNotificationTriggerWithoutManualImports() throws Exception {
        URI notify = URI.create(r.getURL() + "image-streams-webhook/notify/distribution/" + TOKEN);
        registry = RegistryFixture.builder().notifications(notify).build().start();
        Digest first =
                Digest.parse(Skopeo.push(TestImages.image(tmp.newFolder().toPath(), "one"), registry, "app:latest"));
        WebhookEndpoint webhook = new WebhookEndpoint("distribution", Secret.fromString(TOKEN));
        webhook.setScheme(WebhookEndpoint.PATH);
        ImageStreamsConfiguration.get().setWebhooks(List.of(webhook));
        WorkflowJob job = TestStreams.pipeline(r, "deploy-dev", SCRIPT);
        job.addTrigger(new ImageStreamTrigger("app-dev/myapp:latest"));

        TestStreams.configure(TestStreams.stream(
                "app-dev", "myapp", TestStreams.registryTag("latest", registry.reference("app:latest"), true)));
        Await.until("the scheduled first import started build 1", () -> job.getBuildByNumber(1) != null);
        r.waitUntilNoActivity();
        r.assertLogContains("digest=" + first, job.getBuildByNumber(1));

        Digest second =
                Digest.parse(Skopeo.push(TestImages.image(tmp.newFolder().toPath(), "two"), registry, "app:latest"));
        Await.until("the registry's notification started build 2", () -> job.getBuildByNumber(2) != null);
        r.waitUntilNoActivity();
        r.assertLogContains("digest=" + second, job.getBuildByNumber(2));
        r.assertLogContains("previous=[" + first + "]", job.getBuildByNumber(2));
    }

    @Test
    public void aTriggerSavedWithoutItsStreamFieldsStillStartsItsJobAndTheJobsAfterIt() throws Exception {
        registry = RegistryFixture.plain().start();
        Skopeo.push(TestImages.image(tmp.newFolder().toPath(), "xml"), registry, "app:latest");
        String xml = "<flow-definition plugin='workflow-job'><triggers>"
                + "<io.jenkins.plugins.imagestreams.jenkins.trigger.ImageStreamTrigger>"
                + "<spec></spec><tags>app-dev/myapp:latest</tags>"
                + "</io.jenkins.plugins.imagestreams.jenkins.trigger.ImageStreamTrigger>"
                + "</triggers><definition class='org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition'>"
                + "<script>echo 'built'</script><sandbox>true</sandbox></definition></flow-definition>";
        WorkflowJob fromXml = (WorkflowJob) r.jenkins.createProjectFromXML(
                "a-from-xml", new java.io.ByteArrayInputStream(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        WorkflowJob other = TestStreams.pipeline(r, "z-other", "echo 'built'");
        other.addTrigger(new ImageStreamTrigger("app-dev/myapp:latest"));
        TestStreams.configureMyappLatest(registry.reference("app:latest"));

        TestStreams.importNow("app-dev", "myapp", "latest");
        r.waitUntilNoActivity();

        assertThat(fromXml.getBuilds()).hasSize(1);
        assertThat(other.getBuilds()).hasSize(1);
    }
}
