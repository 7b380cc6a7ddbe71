package io.jenkins.plugins.imagestreams.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagestreams.api.ScheduledTag;
import io.jenkins.plugins.imagestreams.notify.NotificationSource;
import io.jenkins.plugins.imagestreams.notify.PushNotification;
import io.jenkins.plugins.imagestreams.policy.TagPolicy;
import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.ImageStreamSpec;
import io.jenkins.plugins.imagestreams.stream.ImportPolicy;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import io.jenkins.plugins.imagestreams.stream.TagSpec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.Test;

public class PushMatcherTest {
    private static final NotificationSource DIST = NotificationSource.DISTRIBUTION;

    private static TagSpec scheduled(String name, String source) {
        return TagSpec.of(name, new TagSource.DockerImage(ImageReference.parse(source)))
                .withImportPolicy(ImportPolicy.DEFAULT.withScheduled(true));
    }

    private static ImageStream stream(String name, TagSpec... tags) {
        ImageStreamSpec spec = ImageStreamSpec.empty();
        for (TagSpec tag : tags) {
            spec = spec.withTag(tag);
        }
        return ImageStream.create(StreamName.parse(name), spec);
    }

    private static List<String> keys(PushNotification push, ImageStream... streams) {
        return PushMatcher.tagsToImport(push, List.of(streams)).stream()
                .map(ScheduledTag::key)
                .toList();
    }

    @Test
    public void pushOfTheSourceTagMatchesOnlyThatTag() {
        ImageStream app = stream(
                "app", scheduled("prod", "127.0.0.1:5000/acme/api:1"), scheduled("next", "127.0.0.1:5000/acme/api:2"));

        assertThat(keys(PushNotification.of(DIST, "127.0.0.1:5000", "acme/api", "1", null), app))
                .containsExactly("default/app:prod");
        assertThat(keys(PushNotification.of(DIST, "127.0.0.1:5000", "acme/api", "3", null), app))
                .isEmpty();
    }

    @Test
    public void registryHostsAreComparedLiterallySoLocalhostIsNotLoopbackAddress() {
        ImageStream app = stream("app", scheduled("prod", "127.0.0.1:5000/acme/api:1"));

        assertThat(keys(PushNotification.of(DIST, "localhost:5000", "acme/api", "1", null), app))
                .isEmpty();
        assertThat(keys(PushNotification.of(DIST, "127.0.0.1:5001", "acme/api", "1", null), app))
                .isEmpty();
        assertThat(keys(PushNotification.of(DIST, "127.0.0.1:5000", "acme/web", "1", null), app))
                .isEmpty();
    }

    @Test
    public void dockerHubNamesCountAsOneRegistry() {
        ImageStream hub = stream("hub", scheduled("nginx", "nginx:1.27"), scheduled("api", "docker.io/acme/api:1"));

        for (String host : List.of("docker.io", "registry-1.docker.io", "index.docker.io", "Docker.IO")) {
            assertThat(keys(
                            PushNotification.of(NotificationSource.DOCKERHUB, host, "library/nginx", "1.27", null),
                            hub))
                    .as(host)
                    .containsExactly("default/hub:nginx");
        }
        assertThat(keys(PushNotification.of(DIST, "quay.io", "acme/api", "1", null), hub))
                .isEmpty();
    }

    @Test
    public void notificationWithoutTagOrWithoutHostMatchesEveryTagOfTheRepository() {
        ImageStream app =
                stream("app", scheduled("prod", "quay.io/acme/api:1"), scheduled("next", "quay.io/acme/api:2"));

        assertThat(keys(PushNotification.of(NotificationSource.QUAY, "quay.io", "acme/api", null, null), app))
                .containsExactly("default/app:next", "default/app:prod");
        assertThat(keys(PushNotification.of(NotificationSource.HARBOR, null, "acme/api", "2", null), app))
                .containsExactly("default/app:next");
    }

    @Test
    public void tagWithATagPolicyMatchesAPushOfAnyTagOfItsRepository() {
        TagSpec newest = scheduled("newest", "127.0.0.1:5000/acme/api:1.0.0")
                .withTagPolicy(TagPolicy.of("semver", ">=1.0.0", false));
        ImageStream app = stream("app", newest);

        assertThat(keys(PushNotification.of(DIST, "127.0.0.1:5000", "acme/api", "1.4.2", null), app))
                .containsExactly("default/app:newest");
    }

    @Test
    public void unscheduledAndDigestPinnedTagsAreNotReimportedOnPush() {
        Digest pinned = Digest.sha256("x".getBytes(StandardCharsets.UTF_8));
        TagSpec once = TagSpec.of("once", new TagSource.DockerImage(ImageReference.parse("127.0.0.1:5000/acme/api:1")));
        TagSpec byDigest = scheduled("pinned", "127.0.0.1:5000/acme/api:1@" + pinned);
        TagSpec alias = TagSpec.aliasOf("follow", new TagSource.ImageStreamTag(StreamName.parse("app"), "once"));
        ImageStream app = stream("app", once, byDigest, alias);

        assertThat(keys(PushNotification.of(DIST, "127.0.0.1:5000", "acme/api", "1", null), app))
                .isEmpty();
    }

    @Test
    public void matchingTagsOfSeveralStreamsAreAllNamed() {
        ImageStream one = stream("one", scheduled("a", "127.0.0.1:5000/shared/base:1"));
        ImageStream two = stream("team/two", scheduled("b", "127.0.0.1:5000/shared/base:1"));
        ImageStream other = stream("other", scheduled("c", "127.0.0.1:5000/shared/other:1"));

        assertThat(keys(PushNotification.of(DIST, "127.0.0.1:5000", "shared/base", "1", null), one, two, other))
                .containsExactly("default/one:a", "team/two:b");
    }
}
