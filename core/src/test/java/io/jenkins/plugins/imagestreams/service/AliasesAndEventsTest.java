package io.jenkins.plugins.imagestreams.service;

import static io.jenkins.plugins.imagestreams.service.ServiceFixture.tag;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagestreams.events.ImageChangeListener;
import io.jenkins.plugins.imagestreams.events.ImageChanged;
import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.stream.TagEvent;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import io.jenkins.plugins.imagestreams.testing.RegistryFixture;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;

/** Aliases across streams, and every write's events delivered through the running watcher. */
public class AliasesAndEventsTest {
    @ClassRule
    public static final RegistryFixture REGISTRY = RegistryFixture.plain();

    @Rule
    public final ServiceFixture fx = new ServiceFixture(REGISTRY);

    private static final TagSource.ImageStreamTag DEV = tag("app-dev", "myapp", "latest");
    private static final TagSource.ImageStreamTag QA = tag("app-qa", "myapp", "current");

    private Digest v1;

    @Before
    public void setUp() throws Exception {
        v1 = fx.push(fx.newFolder(), "v1", "ci/myapp:latest");
        fx.service.importTag(ImportRequest.of(DEV).withFrom(fx.ref("ci/myapp:latest")));
    }

    @Test
    public void anAliasInAnotherStreamGetsTheSourcesImageNowAndFollowsItsNextImport() throws Exception {
        Optional<TagEvent> now = fx.service.alias(DEV, QA);

        assertThat(now.orElseThrow().image()).isEqualTo(v1);
        Digest v2 = fx.push(fx.newFolder(), "v2", "ci/myapp:latest");
        fx.service.importTag(ImportRequest.of(DEV));
        assertThat(fx.service
                        .requireStream(QA.stream())
                        .currentImage("current")
                        .orElseThrow()
                        .image())
                .isEqualTo(v2);
        assertThat(fx.service
                        .requireStream(QA.stream())
                        .specTag("current")
                        .orElseThrow()
                        .alias())
                .isTrue();
    }

    @Test
    public void whileAWatcherRunsEveryWritesEventsReachItsListeners() throws Exception {
        List<ImageChanged> seen = new CopyOnWriteArrayList<>();
        ImageChangeListener listener = new ImageChangeListener() {
            @Override
            public String id() {
                return "test";
            }

            @Override
            public void imageChanged(ImageChanged event) {
                seen.add(event);
            }
        };
        fx.service.watch(builder -> builder.listener(listener).resyncEvery(Duration.ZERO));
        seen.clear();

        fx.service.tag(DEV, tag("app-staging", "myapp", "latest"), "tag by test");

        assertThat(seen)
                .extracting(e -> e.streamTag().toString(), ImageChanged::newDigest)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("app-staging/myapp:latest", v1));
        fx.service.stopWatching();
        assertThat(fx.service.watcher()).isEmpty();
    }
}
