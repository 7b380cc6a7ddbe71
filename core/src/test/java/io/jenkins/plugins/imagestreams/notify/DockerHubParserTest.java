package io.jenkins.plugins.imagestreams.notify;

import static io.jenkins.plugins.imagestreams.notify.NotificationSource.DOCKERHUB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.Test;

/** Fixture: docs.docker.com/docker-hub/repos/manage/webhooks/, "Example webhook payload". */
public class DockerHubParserTest {
    @Test
    public void pushNamesDockerHubRepositoryAndTagWithoutDigest() throws Exception {
        assertThat(DOCKERHUB.parse(Fixtures.bytes("dockerhub/push.json")))
                .containsExactly(PushNotification.of(DOCKERHUB, "docker.io", "svendowideit/testhook", "latest", null));
    }

    @Test
    public void officialImageGetsLibraryNamespace() throws Exception {
        byte[] body = Fixtures.withText("dockerhub/push.json", "/repository", "repo_name", "nginx");

        assertThat(DOCKERHUB.parse(body))
                .singleElement()
                .extracting(PushNotification::repository)
                .isEqualTo("library/nginx");
    }

    @Test
    public void pushWithoutTagMeansAnyTag() throws Exception {
        byte[] body = Fixtures.without("dockerhub/push.json", "/push_data", "tag");

        assertThat(DOCKERHUB.parse(body)).singleElement().satisfies(push -> assertThat(push.tag())
                .isEmpty());
    }

    @Test
    public void missingRepoNameIsMalformed() {
        byte[] body = Fixtures.without("dockerhub/push.json", "/repository", "repo_name");

        assertThatThrownBy(() -> DOCKERHUB.parse(body))
                .isInstanceOf(MalformedNotificationException.class)
                .hasMessageContaining("repository.repo_name is missing");
    }

    @Test
    public void pushDataThatIsNotAnObjectIsMalformed() {
        byte[] body = Fixtures.withText("dockerhub/push.json", "", "push_data", "latest");

        assertThatThrownBy(() -> DOCKERHUB.parse(body))
                .isInstanceOf(MalformedNotificationException.class)
                .hasMessageContaining("push_data must be an object");
    }
}
