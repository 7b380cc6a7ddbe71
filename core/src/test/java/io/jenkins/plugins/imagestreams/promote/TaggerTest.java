package io.jenkins.plugins.imagestreams.promote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagestreams.api.TagException;
import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.store.JsonFileStore;
import io.jenkins.plugins.imagestreams.store.StreamStore;
import io.jenkins.plugins.imagestreams.store.StreamUpdater;
import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.ImageStreamSpec;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.TagEvent;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import io.jenkins.plugins.imagestreams.stream.TagSpec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class TaggerTest {
    private static final StreamName APP = StreamName.of("team", "app");
    private static final StreamName PROD = StreamName.of("prod", "app");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant NOW = Instant.parse("2026-02-01T12:00:00Z");

    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    private StreamStore store;
    private Tagger tagger;

    @Before
    public void setUp() throws Exception {
        store = new JsonFileStore(tmp.newFolder().toPath());
        tagger = new Tagger(store, Clock.fixed(NOW, ZoneOffset.UTC));
        store.save(
                ImageStream.create(APP, ImageStreamSpec.empty().withTag(TagSpec.withoutSource("latest"))),
                StreamStore.NEW);
    }

    @Test
    public void tagCopiesTheSourcesCurrentDigestAsAPinnedSnapshotWithTheCause() {
        importInto("latest", digest("v1"));

        TagEvent event = tagger.tag(tagOf("latest"), PROD, "live", "promoted by build 7");

        ImageStream prod = stored(PROD);
        assertThat(event.image()).isEqualTo(digest("v1"));
        assertThat(event.cause()).isEqualTo("promoted by build 7");
        assertThat(event.created()).isEqualTo(NOW);
        assertThat(prod.currentImage("live")).contains(event);
        assertThat(prod.specTag("live").orElseThrow().from().orElseThrow())
                .isEqualTo(new TagSource.ImageStreamImage(APP, digest("v1").toString()));

        importInto("latest", digest("v2"));
        assertThat(stored(PROD).currentImage("live").orElseThrow().image()).isEqualTo(digest("v1"));
    }

    @Test
    public void taggingFromATagWithoutImageIsRefusedAndChangesNothing() {
        assertThatThrownBy(() -> tagger.tag(tagOf("latest"), PROD, "live", "x"))
                .isInstanceOf(TagException.class)
                .hasMessageContaining("is not currently pointing to an image");
        assertThat(store.load(PROD)).isEmpty();
    }

    @Test
    public void aliasFollowsLaterMovesOfItsSource() {
        importInto("latest", digest("v1"));

        tagger.alias(new TagSource.ImageStreamTag(APP, "latest"), APP, "stable");
        assertThat(stored(APP).currentImage("stable").orElseThrow().image()).isEqualTo(digest("v1"));
        importInto("latest", digest("v2"));

        TagEvent followed = stored(APP).currentImage("stable").orElseThrow();
        assertThat(followed.image()).isEqualTo(digest("v2"));
        assertThat(followed.cause()).isEqualTo("alias of latest");
    }

    @Test
    public void rollbackMakesAnOlderImageCurrentAgainAndKeepsTheHistory() {
        importInto("latest", digest("v1"));
        importInto("latest", digest("v2"));

        TagEvent back = tagger.rollback(APP, "latest", digest("v1").hex().substring(0, 12));

        ImageStream app = stored(APP);
        assertThat(back.image()).isEqualTo(digest("v1"));
        assertThat(back.cause()).startsWith("rollback to ");
        assertThat(app.history("latest").items())
                .extracting(TagEvent::image)
                .containsExactly(digest("v1"), digest("v2"), digest("v1"));
    }

    @Test
    public void rollbackToAnUnknownImageIsRefused() {
        importInto("latest", digest("v1"));

        assertThatThrownBy(() ->
                        tagger.rollback(APP, "latest", digest("never").hex().substring(0, 12)))
                .isInstanceOf(TagException.class)
                .hasMessageContaining("no image in the history of stream " + APP);
        assertThat(stored(APP).history("latest").items()).hasSize(1);
    }

    @Test
    public void deleteRemovesSpecAndHistoryAndAMissingTagIsAnError() {
        importInto("latest", digest("v1"));

        tagger.delete(APP, "latest");

        assertThat(stored(APP).tagNames()).isEmpty();
        assertThatThrownBy(() -> tagger.delete(APP, "latest"))
                .isInstanceOf(TagException.class)
                .hasMessageContaining("has no tag 'latest'");
    }

    private void importInto(String tag, Digest image) {
        new StreamUpdater(store)
                .update(APP, s -> s.recordImport(tag, image, "127.0.0.1:5000/team/app@" + image, T0, "import"));
    }

    private ImageStream stored(StreamName name) {
        return store.load(name).orElseThrow().value();
    }

    private static TagSource.ImageStreamTag tagOf(String tag) {
        return new TagSource.ImageStreamTag(APP, tag);
    }

    private static Digest digest(String content) {
        return Digest.sha256(content.getBytes(StandardCharsets.UTF_8));
    }
}
