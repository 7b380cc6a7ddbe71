package io.jenkins.plugins.imagestreams.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.jenkins.plugins.imagestreams.jenkins.config.ImageStreamsConfiguration;
import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.testing.RegistryFixture;
import io.jenkins.plugins.imagestreams.testing.Skopeo;
import io.jenkins.plugins.imagestreams.testing.TestImages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.jvnet.hudson.test.JenkinsRule;

/** The administrator's auth file serves scheduled imports of registries without Jenkins credentials, never steps. */
public class AuthFileTest {
    @ClassRule
    public static RegistryFixture registry =
            RegistryFixture.builder().basicAuth("alice", "s3cret").build();

    @Rule
    public JenkinsRule r = new JenkinsRule();

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void scheduledImportsUseTheNamedAuthFileAndStepsDoNot() throws Exception {
        Digest digest =
                Digest.parse(Skopeo.push(TestImages.image(tmp.newFolder().toPath(), "auth-file"), registry, "app:1"));
        Path authFile = tmp.newFile("config.json").toPath();
        String login = Base64.getEncoder().encodeToString("alice:s3cret".getBytes(StandardCharsets.UTF_8));
        Files.writeString(authFile, "{\"auths\": {\"" + registry.host() + "\": {\"auth\": \"" + login + "\"}}}");
        TestStreams.allowRegistry(registry);
        TestStreams.configureMyappLatest(registry.reference("app:1"));

        TestStreams.importNow("app-dev", "myapp", "latest");
        assertThat(TestStreams.stored("app-dev", "myapp").currentImage("latest"))
                .as("no credentials anywhere: the registry refuses")
                .isEmpty();

        ImageStreamsConfiguration.get().setAuthFile(authFile.toString());
        TestStreams.importNow("app-dev", "myapp", "latest");

        assertThat(TestStreams.stored("app-dev", "myapp")
                        .currentImage("latest")
                        .orElseThrow()
                        .image())
                .isEqualTo(digest);
        WorkflowRun step = r.buildAndAssertStatus(
                Result.FAILURE,
                TestStreams.pipeline(
                        r,
                        "importer",
                        "imageStreamImport name: 'app-dev/built:latest', from: '" + registry.reference("app:1") + "'"));
        r.assertLogContains("Import of app-dev/built:latest failed", step);
    }

    @Test
    public void aRelativeAuthFileIsRefusedByTheFormCheck() throws Exception {
        JenkinsRule.WebClient wc = r.createWebClient();
        String check = wc.getPage(new WebRequest(
                        wc.createCrumbedUrl("descriptorByName/" + ImageStreamsConfiguration.class.getName()
                                + "/checkAuthFile?value=docker/config.json"),
                        HttpMethod.POST))
                .getWebResponse()
                .getContentAsString();

        assertThat(check).contains("must be an absolute path").contains("docker/config.json");
    }
}
