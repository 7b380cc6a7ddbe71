package io.jenkins.plugins.imagestreams.notify;

import static io.jenkins.plugins.imagestreams.notify.NotificationSource.GAR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagestreams.reference.Digest;
import org.junit.Test;

/**
 * Fixtures: cloud.google.com/artifact-registry/docs/configure-notifications (the message) inside the push wrapper of
 * cloud.google.com/pubsub/docs/push.
 */
public class GarParserTest {
    private static final Digest DIGEST =
            Digest.parse("sha256:b974ebb9a97901339d70cbd59a98baeb15228d9f39e326d41014aa938512c4e9");
    private static final PushNotification EXPECTED =
            PushNotification.of(GAR, "us-docker.pkg.dev", "proj/repo/img", "1.0", DIGEST);

    @Test
    public void pubSubPushOfInsertNamesRegistryRepositoryTagAndDigest() throws Exception {
        assertThat(GAR.parse(Fixtures.bytes("gar/pubsub-push-insert.json"))).containsExactly(EXPECTED);
    }

    @Test
    public void unwrappedMessageIsReadToo() throws Exception {
        assertThat(GAR.parse(Fixtures.bytes("gar/insert-unwrapped.json"))).containsExactly(EXPECTED);
    }

    @Test
    public void digestOnlyInsertHasNoTag() throws Exception {
        assertThat(GAR.parse(Fixtures.bytes("gar/pubsub-push-insert-digest-only.json")))
                .containsExactly(PushNotification.of(GAR, "us-docker.pkg.dev", "proj/repo/img", null, DIGEST));
    }

    @Test
    public void deleteGivesNothing() throws Exception {
        assertThat(GAR.parse(Fixtures.bytes("gar/pubsub-push-delete.json"))).isEmpty();
    }

    @Test
    public void dataThatIsNotBase64IsMalformed() {
        assertThatThrownBy(() -> GAR.parse(Fixtures.bytes("gar/pubsub-push-not-base64.json")))
                .isInstanceOf(MalformedNotificationException.class)
                .hasMessageContaining("message.data is invalid");
    }

    @Test
    public void tagWithoutTagPartIsMalformed() {
        byte[] body = Fixtures.withText("gar/insert-unwrapped.json", "", "tag", "us-docker.pkg.dev/proj/repo/img");

        assertThatThrownBy(() -> GAR.parse(body))
                .isInstanceOf(MalformedNotificationException.class)
                .hasMessageContaining("tag is invalid");
    }

    @Test
    public void digestFieldHoldingATagReferenceIsMalformed() {
        byte[] body =
                Fixtures.withText("gar/insert-unwrapped.json", "", "digest", "us-docker.pkg.dev/proj/repo/img:1.0");

        assertThatThrownBy(() -> GAR.parse(body))
                .isInstanceOf(MalformedNotificationException.class)
                .hasMessageContaining("digest is invalid");
    }

    @Test
    public void insertNamingNoImageIsMalformed() {
        assertThatThrownBy(() -> GAR.parse("{\"action\":\"INSERT\"}".getBytes()))
                .isInstanceOf(MalformedNotificationException.class)
                .hasMessageContaining("neither digest nor tag");
    }
}
