package io.jenkins.plugins.imagestreams.deploy;

import static io.jenkins.plugins.imagestreams.testing.kubernetes.TestWorkloads.DIGEST;
import static io.jenkins.plugins.imagestreams.testing.kubernetes.TestWorkloads.OTHER_DIGEST;
import static io.jenkins.plugins.imagestreams.testing.kubernetes.TestWorkloads.container;
import static io.jenkins.plugins.imagestreams.testing.kubernetes.TestWorkloads.podSpec;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagestreams.reference.ImageReference;
import java.util.List;
import org.junit.Test;

public class ContainerMatcherTest {
    private static final String REPO = "127.0.0.1:5000/app-prod/myapp";
    private static final ImageReference PINNED = ImageReference.parse(REPO + "@" + DIGEST);

    @Test
    public void repositoryMatchesWhateverTagOrDigestAndNothingElse() {
        assertThat(ContainerMatcher.sameRepository(REPO + ":1.0", PINNED)).isTrue();
        assertThat(ContainerMatcher.sameRepository(REPO + "@" + OTHER_DIGEST, PINNED))
                .isTrue();
        assertThat(ContainerMatcher.sameRepository(REPO, PINNED)).isTrue();
        assertThat(ContainerMatcher.sameRepository(REPO + "-sidecar:1.0", PINNED))
                .isFalse();
        assertThat(ContainerMatcher.sameRepository("127.0.0.1:5001/app-prod/myapp:1.0", PINNED))
                .isFalse();
        assertThat(ContainerMatcher.sameRepository("app-prod/myapp:1.0", PINNED))
                .isFalse();
        assertThat(ContainerMatcher.sameRepository("NOT a reference", PINNED)).isFalse();
        assertThat(ContainerMatcher.sameRepository(null, PINNED)).isFalse();
    }

    @Test
    public void dockerHubDefaultsApplyOnBothSides() {
        ImageReference nginx = ImageReference.parse("nginx@" + DIGEST);

        assertThat(ContainerMatcher.sameRepository("nginx:1.27", nginx)).isTrue();
        assertThat(ContainerMatcher.sameRepository("library/nginx", nginx)).isTrue();
        assertThat(ContainerMatcher.sameRepository("docker.io/library/nginx:1.27", nginx))
                .isTrue();
        assertThat(ContainerMatcher.sameRepository("bitnami/nginx:1.27", nginx)).isFalse();
    }

    @Test
    public void alreadyPinnedNeedsTheSameDigestInTheSameRepository() {
        assertThat(ContainerMatcher.alreadyPinned(REPO + "@" + DIGEST, PINNED)).isTrue();
        assertThat(ContainerMatcher.alreadyPinned(REPO + ":1.0@" + DIGEST, PINNED))
                .isTrue();
        assertThat(ContainerMatcher.alreadyPinned(REPO + ":1.0", PINNED)).isFalse();
        assertThat(ContainerMatcher.alreadyPinned(REPO + "@" + OTHER_DIGEST, PINNED))
                .isFalse();
        assertThat(ContainerMatcher.alreadyPinned("127.0.0.1:5000/other@" + DIGEST, PINNED))
                .isFalse();
    }

    @Test
    public void matchesListInitContainersFirstWithTheirIndexes() {
        var pod = podSpec(
                List.of(container("wait", "busybox:1.36"), container("migrate", REPO + ":1.0")),
                List.of(container("proxy", "envoy:1"), container("app", REPO + ":1.0")));

        assertThat(ContainerMatcher.match(pod, null, PINNED))
                .containsExactly(
                        new ContainerMatch(true, 1, "migrate", REPO + ":1.0"),
                        new ContainerMatch(false, 1, "app", REPO + ":1.0"));
        assertThat(ContainerMatcher.match(pod, "proxy", PINNED))
                .containsExactly(new ContainerMatch(false, 0, "proxy", "envoy:1"));
        assertThat(ContainerMatcher.match(pod, "absent", PINNED)).isEmpty();
    }

    @Test
    public void patchTestsNameAndOldImageBeforeReplacing() {
        String patch = ImagePatch.of(
                "/spec/template/spec",
                List.of(new ContainerMatch(true, 1, "migrate", REPO + ":1.0")),
                PINNED.toString());

        assertThat(patch)
                .isEqualTo(
                        "[{\"op\":\"test\",\"path\":\"/spec/template/spec/initContainers/1/name\",\"value\":\"migrate\"},"
                                + "{\"op\":\"test\",\"path\":\"/spec/template/spec/initContainers/1/image\",\"value\":\""
                                + REPO
                                + ":1.0\"},"
                                + "{\"op\":\"replace\",\"path\":\"/spec/template/spec/initContainers/1/image\",\"value\":\""
                                + PINNED + "\"}]");
    }
}
