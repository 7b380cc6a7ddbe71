package io.jenkins.plugins.imagestreams.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagestreams.jenkins.config.RegistryDefinition;
import io.jenkins.plugins.imagestreams.jenkins.config.StreamDefinition;
import io.jenkins.plugins.imagestreams.jenkins.config.TagDefinition;
import io.jenkins.plugins.imagestreams.testing.RegistryFixture;
import io.jenkins.plugins.imagestreams.testing.Skopeo;
import io.jenkins.plugins.imagestreams.testing.TestImages;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.jvnet.hudson.test.JenkinsRule;

public class FormPermissionTest {
    @ClassRule
    public static final RegistryFixture REGISTRY = RegistryFixture.plain();

    @Rule
    public JenkinsRule r = new JenkinsRule();

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Before
    public void users() {
        TestStreams.adminAndReader(r);
    }

    private Page post(String user, Class<?> describable, String method, String query) throws Exception {
        JenkinsRule.WebClient wc = r.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        wc.login(user);
        WebRequest request = new WebRequest(
                wc.createCrumbedUrl("descriptorByName/" + describable.getName() + "/" + method + "?" + query),
                HttpMethod.POST);
        return wc.getPage(request);
    }

    @Test
    public void readerCannotTestAConnection() throws Exception {
        Page page = post("reader", RegistryDefinition.class, "testConnection", "host=127.0.0.1:1&testImage=a:b");
        assertThat(page.getWebResponse().getStatusCode()).isEqualTo(403);
    }

    @Test
    public void readerCannotRunFieldChecks() throws Exception {
        assertThat(post("reader", StreamDefinition.class, "checkRepository", "value=x")
                        .getWebResponse()
                        .getStatusCode())
                .isEqualTo(403);
        assertThat(post("reader", TagDefinition.class, "checkSource", "value=x&sourceKind=DockerImage")
                        .getWebResponse()
                        .getStatusCode())
                .isEqualTo(403);
    }

    @Test
    public void adminGetsCoreParserMessages() throws Exception {
        Page page = post("admin", StreamDefinition.class, "checkNamespace", "value=App_Dev");
        assertThat(page.getWebResponse().getStatusCode()).isEqualTo(200);
        assertThat(page.getWebResponse().getContentAsString()).contains("DNS-1123");
    }

    @Test
    public void adminTestConnectionReportsTheFailure() throws Exception {
        Page page = post("admin", RegistryDefinition.class, "testConnection", "host=127.0.0.1:1&testImage=app:latest");
        assertThat(page.getWebResponse().getContentAsString())
                .contains("Connection failed")
                .contains("127.0.0.1:1/app")
                .doesNotContain("NullPointerException");
    }

    @Test
    public void adminTestConnectionWithoutCredentialsResolvesTheImage() throws Exception {
        String digest = Skopeo.push(TestImages.image(tmp.newFolder().toPath(), "form"), REGISTRY, "form/app:1");

        Page page = post(
                "admin",
                RegistryDefinition.class,
                "testConnection",
                "host=" + REGISTRY.host() + "&testImage=form/app:1");

        assertThat(page.getWebResponse().getContentAsString()).contains(digest);
    }

    @Test
    public void getIsRefusedForFormChecks() throws Exception {
        JenkinsRule.WebClient wc = r.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        wc.login("admin");
        Page page = wc.goTo("descriptorByName/" + StreamDefinition.class.getName() + "/checkNamespace?value=app", null);
        assertThat(page.getWebResponse().getStatusCode()).isNotEqualTo(200);
    }
}
