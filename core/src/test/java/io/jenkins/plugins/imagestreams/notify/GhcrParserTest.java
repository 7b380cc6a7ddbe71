package io.jenkins.plugins.imagestreams.notify;

import static io.jenkins.plugins.imagestreams.notify.NotificationSource.GHCR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagestreams.reference.Digest;
import org.junit.Test;

/** Fixtures: docs.github.com, "Webhook events and payloads", package (action published). */
public class GhcrParserTest {
    private static final Digest DIGEST =
            Digest.parse("sha256:10bc4eece5c5911685770f3c29aac28a7dcc13018f47d7d9715839720966454a");

    @Test
    public void publishedContainerNamesLowercasedRepositoryTagAndDigest() throws Exception {
        assertThat(GHCR.parse(Fixtures.bytes("ghcr/package-published.json")))
                .containsExactly(PushNotification.of(GHCR, "ghcr.io", "acme-corp/app", "1.2.0", DIGEST));
    }

    @Test
    public void otherPackageTypesGiveNothing() throws Exception {
        assertThat(GHCR.parse(Fixtures.bytes("ghcr/package-published-npm.json")))
                .isEmpty();
    }

    @Test
    public void otherActionsGiveNothing() throws Exception {
        byte[] body = Fixtures.withText("ghcr/package-published.json", "", "action", "updated");

        assertThat(GHCR.parse(body)).isEmpty();
    }

    @Test
    public void untaggedVersionHasNoTag() throws Exception {
        byte[] body = Fixtures.withText(
                "ghcr/package-published.json", "/package/package_version/container_metadata/tag", "name", "");

        assertThat(GHCR.parse(body)).singleElement().satisfies(push -> {
            assertThat(push.tag()).isEmpty();
            assertThat(push.digest()).contains(DIGEST);
        });
    }

    @Test
    public void missingPackageIsMalformed() {
        byte[] body = Fixtures.without("ghcr/package-published.json", "", "package");

        assertThatThrownBy(() -> GHCR.parse(body))
                .isInstanceOf(MalformedNotificationException.class)
                .hasMessageContaining("registry_package is missing");
    }

    @Test
    public void numericNamespaceIsMalformed() {
        byte[] body = Fixtures.withNumber("ghcr/package-published.json", "/package", "namespace");

        assertThatThrownBy(() -> GHCR.parse(body))
                .isInstanceOf(MalformedNotificationException.class)
                .hasMessageContaining("package.namespace must be a string");
    }
}
