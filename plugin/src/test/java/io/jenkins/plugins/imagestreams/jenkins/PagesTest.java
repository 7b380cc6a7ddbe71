package io.jenkins.plugins.imagestreams.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;

/** Every page the plugin serves, opened as a browser would: the list, a stream, the environments view, Import now. */
public class PagesTest {
    @Rule
    public JenkinsRule r = new JenkinsRule();

    @Before
    public void streamsAndUsers() {
        TestStreams.adminAndReader(r);
        TestStreams.configure(
                TestStreams.stream(
                        "app-dev", "myapp", TestStreams.registryTag("latest", "127.0.0.1:1/app:latest", false)),
                TestStreams.stream(
                        "app-prod",
                        "myapp",
                        new io.jenkins.plugins.imagestreams.jenkins.config.TagDefinition("latest")));
    }

    private Page open(String user, String path) throws Exception {
        JenkinsRule.WebClient wc = r.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        wc.login(user);
        return wc.goTo(path, null);
    }

    @Test
    public void theSettingsShowTheWebhookUrlWithItsPlaceholdersAsText() throws Exception {
        String page = open("admin", "manage/configure").getWebResponse().getContentAsString();

        assertThat(page).contains("image-streams-webhook/notify/&lt;source&gt;[/&lt;token&gt;]");
        assertThat(page).doesNotContain("notify/[/]");
    }

    @Test
    public void aStepMissingItsStreamPointsAtTheSystemSettings() throws Exception {
        WorkflowRun run = r.buildAndAssertStatus(
                Result.FAILURE, TestStreams.pipeline(r, "resolver", "imageStreamResolve 'app-dev/none:latest'"));

        r.assertLogContains("define it in Manage Jenkins > System > Image Streams", run);
    }

    @Test
    public void thePluginNamesItsOwnRepository() {
        assertThat(r.jenkins.getPluginManager().getPlugin("image-streams").getUrl())
                .isEqualTo("https://github.com/jenkinsci/image-streams-plugin");
    }

    @Test
    public void theManagementPageListsTheStreams() throws Exception {
        Page page = open("admin", "manage/image-streams/");

        assertThat(page.getWebResponse().getStatusCode()).isEqualTo(200);
        assertThat(page.getWebResponse().getContentAsString())
                .contains("app-dev")
                .contains("app-prod");
    }

    @Test
    public void aStreamPageShowsItsTags() throws Exception {
        Page page = open("admin", "manage/image-streams/stream/app-dev/myapp/");

        assertThat(page.getWebResponse().getStatusCode()).isEqualTo(200);
        assertThat(page.getWebResponse().getContentAsString()).contains("127.0.0.1:1/app:latest");
    }

    @Test
    public void anUnknownStreamIsNotFound() throws Exception {
        assertThat(open("admin", "manage/image-streams/stream/app-dev/nothing/")
                        .getWebResponse()
                        .getStatusCode())
                .isEqualTo(404);
    }

    @Test
    public void theEnvironmentsViewHasAColumnPerNamespaceInPipelineOrder() throws Exception {
        Page page = open("admin", "manage/image-streams/environments/");

        assertThat(page.getWebResponse().getStatusCode()).isEqualTo(200);
        String html = page.getWebResponse().getContentAsString();
        assertThat(html.indexOf(">app-dev<")).isPositive().isLessThan(html.indexOf(">app-prod<"));
    }

    @Test
    public void readersCannotOpenTheManagementPages() throws Exception {
        assertThat(open("reader", "manage/image-streams/").getWebResponse().getStatusCode())
                .isEqualTo(403);
        assertThat(open("reader", "manage/image-streams/environments/")
                        .getWebResponse()
                        .getStatusCode())
                .isEqualTo(403);
    }

    @Test
    public void importNowIsAPostForAdministratorsOnly() throws Exception {
        String path = "manage/image-streams/stream/app-dev/myapp/importNow";
        assertThat(post("admin", path).getWebResponse().getStatusCode()).isEqualTo(200);
        assertThat(post("reader", path).getWebResponse().getStatusCode()).isEqualTo(403);
        assertThat(open("admin", path).getWebResponse().getStatusCode())
                .as("a GET finds no page: Import now answers POST only")
                .isEqualTo(404);
    }

    private Page post(String user, String path) throws Exception {
        JenkinsRule.WebClient wc = r.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        wc.login(user);
        return wc.getPage(new WebRequest(wc.createCrumbedUrl(path), HttpMethod.POST));
    }

    @Test
    public void theWebhookKeepsItsOwnUrl() throws Exception {
        JenkinsRule.WebClient wc = r.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        Page page = wc.getPage(new WebRequest(
                new java.net.URL(r.getURL(), "image-streams-webhook/notify/distribution"), HttpMethod.POST));

        assertThat(page.getWebResponse().getStatusCode()).isEqualTo(404);
        assertThat(page.getWebResponse().getContentAsString()).contains("not enabled");
    }
}
