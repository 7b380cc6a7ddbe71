package io.jenkins.plugins.imagestreams.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagestreams.events.AliasFollower;
import io.jenkins.plugins.imagestreams.events.ImageChangeListener;
import io.jenkins.plugins.imagestreams.events.ImageChanged;
import io.jenkins.plugins.imagestreams.notify.NotificationSource;
import io.jenkins.plugins.imagestreams.notify.PushNotification;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.registry.RegistryClient;
import io.jenkins.plugins.imagestreams.store.JsonFileStore;
import io.jenkins.plugins.imagestreams.store.StreamStore;
import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.ImageStreamSpec;
import io.jenkins.plugins.imagestreams.stream.ImportPolicy;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import io.jenkins.plugins.imagestreams.stream.TagSpec;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class WatcherBuilderTest {
    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();

    @After
    public void stop() {
        executor.shutdownNow();
    }

    private WatcherBuilder builder() throws Exception {
        return Watcher.builder(
                new JsonFileStore(tmp.newFolder().toPath()),
                RegistryClient.builder().build(),
                Clock.systemUTC(),
                executor);
    }

    private static ImageChangeListener listener(String id) {
        return new ImageChangeListener() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public void imageChanged(ImageChanged event) {}
        };
    }

    @Test
    public void listenersNeedIdsOfTheirOwn() throws Exception {
        assertThatThrownBy(() -> builder()
                        .listener(listener("jobs"))
                        .listener(listener("jobs"))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'jobs' is already added");
        assertThatThrownBy(() -> builder().listener(listener(AliasFollower.ID)).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    public void outOfRangeDurationsAndEmptyNotificationSourcesAreRefused() throws Exception {
        assertThatThrownBy(() -> builder().coalesceWindow(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("coalesce window");
        assertThatThrownBy(() -> builder().coalesceWindow(Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder().resyncEvery(Duration.ofSeconds(-5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("re-sync interval");
        assertThatThrownBy(() ->
                        builder().notifications(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("notification source");
    }

    @Test
    public void notificationsAreIgnoredBeforeStartAndAfterCloseAndAWatcherStartsOnce() throws Exception {
        StreamStore store = new JsonFileStore(tmp.newFolder().toPath());
        ImageReference source = ImageReference.parse("127.0.0.1:9/demo/app:1");
        store.save(
                ImageStream.create(
                        StreamName.parse("app"),
                        ImageStreamSpec.empty()
                                .withTag(TagSpec.of("latest", new TagSource.DockerImage(source))
                                        .withImportPolicy(ImportPolicy.DEFAULT.withScheduled(true)))),
                StreamStore.NEW);
        Watcher watcher = Watcher.builder(store, RegistryClient.builder().build(), Clock.systemUTC(), executor)
                .build();
        List<PushNotification> push =
                List.of(PushNotification.of(NotificationSource.DISTRIBUTION, "127.0.0.1:9", "demo/app", "1", null));

        assertThat(watcher.pushed(push)).isEmpty();
        watcher.start();
        assertThat(watcher.pushed(push)).extracting(t -> t.key()).containsExactly("default/app:latest");
        assertThat(watcher.notificationUri()).isEmpty();
        watcher.close();
        assertThat(watcher.pushed(push)).isEmpty();
        assertThatThrownBy(watcher::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("starts once");
    }
}
