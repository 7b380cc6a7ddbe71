package io.jenkins.plugins.imagestreams.events;

import static io.jenkins.plugins.imagestreams.events.EventDispatcherTest.A;
import static io.jenkins.plugins.imagestreams.events.EventDispatcherTest.APP;
import static io.jenkins.plugins.imagestreams.events.EventDispatcherTest.B;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.store.JsonFileStore;
import io.jenkins.plugins.imagestreams.store.ObservedStore;
import io.jenkins.plugins.imagestreams.store.StreamStore;
import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.ImageStreamSpec;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.TagEvent;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import io.jenkins.plugins.imagestreams.stream.TagSpec;
import io.jenkins.plugins.imagestreams.testing.ManualClock;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class AliasFollowerTest {
    private static final StreamName PROD = StreamName.parse("prod/app");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-02-02T00:00:00Z"), ZoneOffset.UTC);

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private StreamStore store;
    private EventDispatcher dispatcher;
    private EventDispatcherTest.Recorder recorder;

    @Before
    public void setUp() {
        store = new JsonFileStore(tmp.getRoot().toPath());
        store.save(
                ImageStream.create(
                        APP,
                        ImageStreamSpec.empty()
                                .withTag(TagSpec.of(
                                        "latest",
                                        new TagSource.DockerImage(ImageReference.parse("localhost:5000/app"))))),
                StreamStore.NEW);
        dispatcher = new EventDispatcher(store, (m, e) -> {
            throw new AssertionError(m, e);
        });
        dispatcher.addListener(new AliasFollower(store, CLOCK, dispatcher::deliverPending));
        recorder = new EventDispatcherTest.Recorder("triggers");
        dispatcher.addListener(recorder);
    }

    private void createProd(TagSpec... tags) {
        ImageStreamSpec spec = ImageStreamSpec.empty();
        for (TagSpec t : tags) {
            spec = spec.withTag(t);
        }
        store.save(ImageStream.create(PROD, spec), StreamStore.NEW);
    }

    private ImageStream load(StreamName name) {
        return store.load(name).orElseThrow().value();
    }

    @Test
    public void aliasInAnotherStreamFollowsEveryMoveAndFiresItsOwnEvent() {
        createProd(TagSpec.aliasOf("live", new TagSource.ImageStreamTag(APP, "latest")));
        EventDispatcherTest.importDigest(store, APP, A, 0);
        dispatcher.deliverPending(APP);
        EventDispatcherTest.importDigest(store, APP, B, 1);
        dispatcher.deliverPending(APP);

        assertThat(load(PROD).history("live").items())
                .extracting(TagEvent::image)
                .containsExactly(B, A);
        assertThat(load(PROD).currentImage("live").orElseThrow().cause()).isEqualTo("alias of dev/app:latest");
        assertThat(recorder.events)
                .extracting(ImageChanged::streamTag)
                .containsExactly("prod/app:live", "dev/app:latest", "prod/app:live", "dev/app:latest");
    }

    @Test
    public void wantsOnlyChangesOfTagsAnotherStreamAliasesSoNothingElseIsClaimedOrMarkedForIt() {
        createProd(TagSpec.aliasOf("live", new TagSource.ImageStreamTag(APP, "latest")));
        AliasFollower follower = new AliasFollower(store, CLOCK, name -> {});
        assertThat(follower.wants(load(APP), "latest")).isTrue();
        assertThat(follower.wants(load(APP), "other")).isFalse();
        assertThat(follower.wants(load(PROD), "live"))
                .as("nothing aliases prod/app:live")
                .isFalse();

        EventDispatcherTest.importDigest(store, APP, A, 0);
        dispatcher.deliverPending(APP);
        assertThat(load(APP).history("latest").deliveredTo()).containsExactlyInAnyOrder(AliasFollower.ID, "triggers");
        assertThat(load(PROD).history("live").deliveredTo())
                .as("the alias's own change, which no stream aliases, is the trigger's alone")
                .containsExactly("triggers");
    }

    @Test
    public void nonAliasCopyDoesNotFollow() {
        createProd(TagSpec.of("pinned", new TagSource.ImageStreamTag(APP, "latest")));
        EventDispatcherTest.importDigest(store, APP, A, 0);
        dispatcher.deliverPending(APP);
        assertThat(load(PROD).history("pinned").items()).isEmpty();
    }

    @Test
    public void aliasCycleAcrossStreamsStops() {
        createProd(TagSpec.aliasOf("latest", new TagSource.ImageStreamTag(APP, "latest")));
        store.save(
                load(APP).withTag(TagSpec.aliasOf("back", new TagSource.ImageStreamTag(PROD, "latest"))),
                store.load(APP).orElseThrow().version());
        EventDispatcherTest.importDigest(store, APP, A, 0);
        dispatcher.deliverPending(APP);
        assertThat(load(PROD).currentImage("latest").orElseThrow().image()).isEqualTo(A);
        assertThat(load(APP).currentImage("back").orElseThrow().image()).isEqualTo(A);
        assertThat(dispatcher.deliverAllPending()).isZero();
    }

    @Test
    public void newlyDefinedAliasTakesTheSourcesCurrentImage() {
        EventDispatcherTest.importDigest(store, APP, A, 0);
        dispatcher.deliverPending(APP);
        createProd(TagSpec.aliasOf("live", new TagSource.ImageStreamTag(APP, "latest")));
        AliasFollower follower = new AliasFollower(store, CLOCK, dispatcher::deliverPending);
        assertThat(follower.follow(PROD)).isTrue();
        assertThat(follower.follow(PROD)).isFalse();
        assertThat(load(PROD).currentImage("live").orElseThrow().image()).isEqualTo(A);
        assertThat(recorder.events).extracting(ImageChanged::streamTag).contains("prod/app:live");
    }

    @Test
    public void aChangeLoadsTheStreamsThatAliasItNotEveryStreamOfTheStore() {
        for (int i = 0; i < 20; i++) {
            store.save(ImageStream.create(StreamName.of("other", "s" + i), ImageStreamSpec.empty()), StreamStore.NEW);
        }
        createProd(TagSpec.aliasOf("live", new TagSource.ImageStreamTag(APP, "latest")));
        ObservedStore counting = new ObservedStore(store);
        EventDispatcher events = new EventDispatcher(counting, (m, e) -> {
            throw new AssertionError(m, e);
        });
        events.addListener(new AliasFollower(counting, CLOCK, events::deliverPending));
        EventDispatcherTest.importDigest(store, APP, A, 0);
        events.deliverPending(APP);
        assertThat(counting.loads())
                .as("the first change reads the index from every stream")
                .hasSize(22);

        counting.forget();
        EventDispatcherTest.importDigest(store, APP, B, 1);
        events.deliverPending(APP);

        assertThat(counting.loads().keySet()).containsOnly(APP, PROD);
        assertThat(load(PROD).currentImage("live").orElseThrow().image()).isEqualTo(B);
    }

    @Test
    public void anAliasSavedElsewhereIsFollowedFromTheNextRefreshOnAndBroughtToItsSourcesImageThen() {
        ManualClock clock = new ManualClock(Instant.parse("2026-02-02T00:00:00Z"));
        EventDispatcher events = new EventDispatcher(store, (m, e) -> {
            throw new AssertionError(m, e);
        });
        events.addListener(new AliasFollower(store, clock, events::deliverPending));
        EventDispatcherTest.importDigest(store, APP, A, 0);
        events.deliverPending(APP);
        createProd(TagSpec.aliasOf("live", new TagSource.ImageStreamTag(APP, "latest")));

        EventDispatcherTest.importDigest(store, APP, B, 1);
        events.deliverPending(APP);

        clock.advance(AliasFollower.REFRESH);
        Digest c = Digest.sha256("c".getBytes(StandardCharsets.UTF_8));
        EventDispatcherTest.importDigest(store, APP, c, 2);
        events.deliverPending(APP);

        assertThat(load(PROD).currentImage("live").orElseThrow().image()).isEqualTo(c);
        assertThat(events.deliverAllPending()).isZero();
    }
}
