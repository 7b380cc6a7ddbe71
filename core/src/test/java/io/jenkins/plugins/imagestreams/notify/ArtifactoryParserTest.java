package io.jenkins.plugins.imagestreams.notify;

import static io.jenkins.plugins.imagestreams.notify.NotificationSource.ARTIFACTORY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagestreams.reference.Digest;
import org.junit.Test;

/** Fixtures: jfrog.com help, "Domain: docker" (Docker Tag was Pushed) in the envelope of "Event Types". */
public class ArtifactoryParserTest {
    @Test
    public void dockerPushedNamesRepoKeyImageTagAndManifestDigest() throws Exception {
        assertThat(ARTIFACTORY.parse(Fixtures.bytes("artifactory/docker-pushed.json")))
                .containsExactly(PushNotification.of(
                        ARTIFACTORY,
                        "acme.jfrog.io",
                        "docker-remote-cache/library/ubuntu",
                        "latest",
                        Digest.parse("sha256:35c4a2c15539c6c1e4e5fa4e554dac323ad0107d8eb5c582d6ff386b383b7dce")));
    }

    @Test
    public void dockerDeletedAndArtifactEventsGiveNothing() throws Exception {
        assertThat(ARTIFACTORY.parse(Fixtures.bytes("artifactory/docker-deleted.json")))
                .isEmpty();
        assertThat(ARTIFACTORY.parse(Fixtures.bytes("artifactory/artifact-deployed.json")))
                .isEmpty();
    }

    @Test
    public void checksumThatIsNotSha256HexIsMalformed() {
        byte[] body = Fixtures.withText("artifactory/docker-pushed.json", "/data", "sha256", "sample_checksum");

        assertThatThrownBy(() -> ARTIFACTORY.parse(body))
                .isInstanceOf(MalformedNotificationException.class)
                .hasMessageContaining("data.sha256 is invalid");
    }

    @Test
    public void missingImageNameIsMalformed() {
        byte[] body = Fixtures.without("artifactory/docker-pushed.json", "/data", "image_name");

        assertThatThrownBy(() -> ARTIFACTORY.parse(body))
                .isInstanceOf(MalformedNotificationException.class)
                .hasMessageContaining("data.image_name is missing");
    }

    @Test
    public void dataThatIsNotAnObjectIsMalformed() {
        byte[] body = Fixtures.withText("artifactory/docker-pushed.json", "", "data", "x");

        assertThatThrownBy(() -> ARTIFACTORY.parse(body))
                .isInstanceOf(MalformedNotificationException.class)
                .hasMessageContaining("data must be an object");
    }
}
