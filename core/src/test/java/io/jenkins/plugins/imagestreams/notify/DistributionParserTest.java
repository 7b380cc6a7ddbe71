package io.jenkins.plugins.imagestreams.notify;

import static io.jenkins.plugins.imagestreams.notify.NotificationSource.DISTRIBUTION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagestreams.reference.Digest;
import java.util.List;
import java.util.Optional;
import org.junit.Test;

/**
 * Fixtures: {@code notify/distribution/}, the event shape docker-registry 2.8.2 sent on this machine, as in
 * https://distribution.github.io/distribution/about/notifications/.
 */
public class DistributionParserTest {
    private static final Digest MANIFEST =
            Digest.parse("sha256:05b3abf2579a5eb66403cd78be557fd860633a1fe2103c7642030defe32c657f");

    @Test
    public void manifestPushNamesHostRepositoryTagAndDigest() throws Exception {
        List<PushNotification> pushes = DISTRIBUTION.parse(Fixtures.bytes("distribution/manifest-push.json"));

        assertThat(pushes)
                .containsExactly(new PushNotification(
                        DISTRIBUTION,
                        Optional.of("127.0.0.1:56255"),
                        "demo/app",
                        Optional.of("latest"),
                        Optional.of(MANIFEST)));
    }

    @Test
    public void blobPushesPullsMountsAndDeletesAreIgnored() throws Exception {
        assertThat(DISTRIBUTION.parse(Fixtures.bytes("distribution/blob-push.json")))
                .isEmpty();
        assertThat(DISTRIBUTION.parse(Fixtures.bytes("distribution/pull-only.json")))
                .isEmpty();
    }

    @Test
    public void mixedEnvelopeKeepsOnlyManifestAndIndexPushesInOrder() throws Exception {
        List<PushNotification> pushes = DISTRIBUTION.parse(Fixtures.bytes("distribution/mixed.json"));

        assertThat(pushes).extracting(PushNotification::repository).containsExactly("demo/multi", "demo/app");
        PushNotification index = pushes.get(0);
        assertThat(index.tag()).as("an index pushed by digest has no tag").isEmpty();
        assertThat(index.registry())
                .as("host taken from target.url when request.host is absent")
                .contains("127.0.0.1:56255");
    }

    @Test
    public void emptyEventListGivesNothing() throws Exception {
        assertThat(DISTRIBUTION.parse("{\"events\":[]}".getBytes())).isEmpty();
    }

    @Test
    public void envelopeWithoutEventsIsMalformed() {
        assertThatThrownBy(() -> DISTRIBUTION.parse("{\"event\":[]}".getBytes()))
                .isInstanceOf(MalformedNotificationException.class)
                .hasMessageContaining("events is missing");
    }

    @Test
    public void eventsThatAreNotAnArrayAreMalformed() {
        assertThatThrownBy(() -> DISTRIBUTION.parse("{\"events\":{}}".getBytes()))
                .isInstanceOf(MalformedNotificationException.class)
                .hasMessageContaining("events must be an array");
    }

    @Test
    public void manifestPushWithoutRepositoryIsMalformed() {
        byte[] body = Fixtures.without("distribution/manifest-push.json", "/events/0/target", "repository");

        assertThatThrownBy(() -> DISTRIBUTION.parse(body))
                .isInstanceOf(MalformedNotificationException.class)
                .hasMessageContaining("events[0].target.repository is missing");
    }

    @Test
    public void numericTagIsMalformed() {
        byte[] body = Fixtures.withNumber("distribution/manifest-push.json", "/events/0/target", "tag");

        assertThatThrownBy(() -> DISTRIBUTION.parse(body))
                .isInstanceOf(MalformedNotificationException.class)
                .hasMessageContaining("target.tag must be a string");
    }

    @Test
    public void badDigestIsMalformed() {
        byte[] body =
                Fixtures.withText("distribution/manifest-push.json", "/events/0/target", "digest", "sha256:nothex");

        assertThatThrownBy(() -> DISTRIBUTION.parse(body))
                .isInstanceOf(MalformedNotificationException.class)
                .hasMessageContaining("target.digest is invalid");
    }

    @Test
    public void repositoryOutsideTheGrammarIsMalformed() {
        byte[] body =
                Fixtures.withText("distribution/manifest-push.json", "/events/0/target", "repository", "Demo/../App");

        assertThatThrownBy(() -> DISTRIBUTION.parse(body))
                .isInstanceOf(MalformedNotificationException.class)
                .hasMessageContaining("invalid image");
    }

    @Test
    public void gitlabSourceReadsTheSameEnvelope() throws Exception {
        List<PushNotification> pushes = NotificationSource.GITLAB.parse(Fixtures.bytes("gitlab/manifest-push.json"));

        assertThat(pushes).singleElement().satisfies(push -> {
            assertThat(push.source()).isEqualTo(NotificationSource.GITLAB);
            assertThat(push.registry()).contains("registry.gitlab.example.com");
            assertThat(push.repository()).isEqualTo("group/project/app");
            assertThat(push.tag()).contains("v1.4.0");
        });
    }
}
