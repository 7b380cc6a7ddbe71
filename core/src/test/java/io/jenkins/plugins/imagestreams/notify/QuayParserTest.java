package io.jenkins.plugins.imagestreams.notify;

import static io.jenkins.plugins.imagestreams.notify.NotificationSource.QUAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.Test;

/** Fixtures: Red Hat Quay, "Repository Notifications", 12.1.1 Repository Push and 12.1.2 Dockerfile Build Queued. */
public class QuayParserTest {
    @Test
    public void repositoryPushNamesQuayHostRepositoryAndTag() throws Exception {
        assertThat(QUAY.parse(Fixtures.bytes("quay/repository-push.json")))
                .containsExactly(PushNotification.of(QUAY, "quay.io", "dgangaia/test", "latest", null));
    }

    @Test
    public void oneNotificationPerUpdatedTag() throws Exception {
        byte[] body = Fixtures.edited("quay/repository-push.json", "", root -> root.putArray("updated_tags")
                .add("1.0")
                .add("latest"));

        assertThat(QUAY.parse(body))
                .extracting(push -> push.tag().orElseThrow())
                .containsExactly("1.0", "latest");
    }

    @Test
    public void legacyObjectFormOfUpdatedTagsIsRead() throws Exception {
        assertThat(QUAY.parse(Fixtures.bytes("quay/repository-push-legacy.json")))
                .containsExactly(PushNotification.of(QUAY, "quay.io", "devtable/ubuntu", "latest", null));
    }

    @Test
    public void emptyUpdatedTagsMeansAnyTagOfTheRepository() throws Exception {
        byte[] body = Fixtures.edited("quay/repository-push.json", "", root -> root.putArray("updated_tags"));

        assertThat(QUAY.parse(body)).singleElement().satisfies(push -> assertThat(push.tag())
                .isEmpty());
    }

    @Test
    public void buildEventsGiveNothing() throws Exception {
        assertThat(QUAY.parse(Fixtures.bytes("quay/build-queued.json"))).isEmpty();
    }

    @Test
    public void missingDockerUrlIsMalformed() {
        byte[] body = Fixtures.without("quay/repository-push.json", "", "docker_url");

        assertThatThrownBy(() -> QUAY.parse(body))
                .isInstanceOf(MalformedNotificationException.class)
                .hasMessageContaining("docker_url is missing");
    }

    @Test
    public void updatedTagsOfNumbersAreMalformed() {
        byte[] body =
                Fixtures.edited("quay/repository-push.json", "", (ObjectNode root) -> root.putArray("updated_tags")
                        .add(7));

        assertThatThrownBy(() -> QUAY.parse(body))
                .isInstanceOf(MalformedNotificationException.class)
                .hasMessageContaining("updated_tags");
    }
}
