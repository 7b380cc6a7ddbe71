package io.jenkins.plugins.imagestreams.notify;

import static io.jenkins.plugins.imagestreams.notify.NotificationSource.ACR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagestreams.reference.Digest;
import org.junit.Test;

/** Fixtures: learn.microsoft.com, "Azure Container Registry webhook reference" (push, delete, chart push). */
public class AcrParserTest {
    @Test
    public void pushNamesRegistryHostRepositoryTagAndDigest() throws Exception {
        assertThat(ACR.parse(Fixtures.bytes("acr/push.json")))
                .containsExactly(PushNotification.of(
                        ACR,
                        "myregistry.azurecr.io",
                        "hello-world",
                        "v1",
                        Digest.parse("sha256:0f0fd5c8786bb9e621a45ece0db0f0f1cdc624ad20da9fe62e9d25490f330f0f")));
    }

    @Test
    public void deleteAndChartPushGiveNothing() throws Exception {
        assertThat(ACR.parse(Fixtures.bytes("acr/delete.json"))).isEmpty();
        assertThat(ACR.parse(Fixtures.bytes("acr/chart-push.json"))).isEmpty();
    }

    @Test
    public void missingTargetIsMalformed() {
        byte[] body = Fixtures.without("acr/push.json", "", "target");

        assertThatThrownBy(() -> ACR.parse(body))
                .isInstanceOf(MalformedNotificationException.class)
                .hasMessageContaining("target is missing");
    }

    @Test
    public void numericRepositoryIsMalformed() {
        byte[] body = Fixtures.withNumber("acr/push.json", "/target", "repository");

        assertThatThrownBy(() -> ACR.parse(body))
                .isInstanceOf(MalformedNotificationException.class)
                .hasMessageContaining("target.repository must be a string");
    }
}
