package io.jenkins.plugins.imagestreams.notify;

import static io.jenkins.plugins.imagestreams.notify.NotificationSource.HARBOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagestreams.reference.Digest;
import org.junit.Test;

/** Fixtures: goharbor.io, "Configure Webhook Notifications", Payload Format (default format). */
public class HarborParserTest {
    @Test
    public void pushArtifactNamesHostRepositoryTagAndDigest() throws Exception {
        assertThat(HARBOR.parse(Fixtures.bytes("harbor/push-artifact.json")))
                .containsExactly(PushNotification.of(
                        HARBOR,
                        "hub.harbor.com",
                        "test-webhook/debian",
                        "latest",
                        Digest.parse("sha256:8a9e9863dbb6e10edb5adfe917c00da84e1700fa76e7ed02476aa6e6fb8ee0d8")));
    }

    @Test
    public void pullArtifactGivesNothing() throws Exception {
        assertThat(HARBOR.parse(Fixtures.bytes("harbor/pull-artifact.json"))).isEmpty();
    }

    @Test
    public void digestOnlyPushHasNoTag() throws Exception {
        byte[] body = Fixtures.without("harbor/push-artifact.json", "/event_data/resources/0", "tag");

        assertThat(HARBOR.parse(body)).singleElement().satisfies(push -> {
            assertThat(push.tag()).isEmpty();
            assertThat(push.digest()).isPresent();
        });
    }

    @Test
    public void missingRepositoryIsMalformed() {
        byte[] body = Fixtures.without("harbor/push-artifact.json", "/event_data", "repository");

        assertThatThrownBy(() -> HARBOR.parse(body))
                .isInstanceOf(MalformedNotificationException.class)
                .hasMessageContaining("event_data.repository is missing");
    }

    @Test
    public void resourcesThatAreNotAnArrayAreMalformed() {
        byte[] body = Fixtures.withText("harbor/push-artifact.json", "/event_data", "resources", "debian:latest");

        assertThatThrownBy(() -> HARBOR.parse(body))
                .isInstanceOf(MalformedNotificationException.class)
                .hasMessageContaining("event_data.resources must be an array");
    }

    @Test
    public void typeThatIsNotAStringIsMalformed() {
        byte[] body = Fixtures.withNumber("harbor/push-artifact.json", "", "type");

        assertThatThrownBy(() -> HARBOR.parse(body))
                .isInstanceOf(MalformedNotificationException.class)
                .hasMessageContaining("type must be a string");
    }
}
