package io.jenkins.plugins.imagestreams.promote;

import static io.jenkins.plugins.imagestreams.promote.Environments.DEV_LATEST;
import static io.jenkins.plugins.imagestreams.promote.Environments.STAGING;
import static io.jenkins.plugins.imagestreams.promote.Environments.STAGING_LATEST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagestreams.api.PromotionException;
import io.jenkins.plugins.imagestreams.api.PromotionOptions;
import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.registry.ErrorCode;
import io.jenkins.plugins.imagestreams.registry.RegistryClient;
import io.jenkins.plugins.imagestreams.registry.RegistryException;
import io.jenkins.plugins.imagestreams.registry.RetryPolicy;
import io.jenkins.plugins.imagestreams.store.JsonFileStore;
import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.PromotionRecord;
import io.jenkins.plugins.imagestreams.stream.TagEvent;
import io.jenkins.plugins.imagestreams.testing.Fault;
import io.jenkins.plugins.imagestreams.testing.FaultProxy;
import io.jenkins.plugins.imagestreams.testing.FaultRule;
import io.jenkins.plugins.imagestreams.testing.RegistryFixture;
import io.jenkins.plugins.imagestreams.testing.Skopeo;
import io.jenkins.plugins.imagestreams.testing.TestImages;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.After;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** A promotion across registries whose copy fails half-way, then runs again and converges. */
public class PromoterRerunTest {
    @ClassRule
    public static final RegistryFixture CI = RegistryFixture.plain();

    @ClassRule
    public static final RegistryFixture TARGET = RegistryFixture.plain();

    @Rule
    public final FaultProxy proxy = FaultProxy.inFrontOf(TARGET);

    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final RegistryClient client = RegistryClient.builder()
            .retryPolicy(new RetryPolicy(2, Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofSeconds(1)))
            .sleeper(d -> {})
            .build();

    @After
    public void stop() {
        executor.shutdownNow();
    }

    @Test
    public void promotionWhoseCopyFailsHalfWayChangesNoTagIsRecordedAndARerunConverges() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2026-06-01T09:00:00Z"), ZoneOffset.UTC);
        JsonFileStore store = new JsonFileStore(tmp.newFolder("store").toPath());
        Environments env = new Environments(CI, proxy, "rerun", store, client, clock);
        Promoter promoter =
                new Promoter(store, new ImageCopier(client, executor, 2), (t, i, w) -> List.of(), clock, n -> {});
        Digest v1 = env.build(TestImages.image(tmp.newFolder().toPath(), "rerun", 3, 50_000));
        FaultRule manifests = proxy.add(
                FaultRule.on("PUT", "/v2/rerun/app-staging/myapp/manifests/.+").inject(Fault.status(503)));

        assertThatThrownBy(() -> promoter.promote(DEV_LATEST, STAGING_LATEST, PromotionOptions.by("ci")))
                .isInstanceOfSatisfying(PromotionException.class, e -> {
                    assertThat(e.getCause()).isInstanceOf(RegistryException.class);
                    assertThat(e.record().orElseThrow().outcome()).isEqualTo(PromotionRecord.Outcome.FAILED);
                })
                .hasMessageContaining("run the promotion again to finish it");

        assertThat(manifests.applied()).isPositive();
        assertThat(proxy.requestCount("PUT", "/v2/rerun/app-staging/myapp/blobs/uploads/.+"))
                .as("every blob reached the target before the manifest failed")
                .isEqualTo(4);
        ImageStream failed = store.load(STAGING).orElseThrow().value();
        assertThat(failed.currentImage("latest")).isEmpty();
        assertThat(failed.history("latest").promotions()).singleElement().satisfies(r -> assertThat(r.message())
                .startsWith("copy failed: "));
        assertThatThrownBy(() -> client.resolve(env.repository(proxy, "app-staging")))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.code())
                        .isIn(ErrorCode.MANIFEST_UNKNOWN, ErrorCode.NAME_UNKNOWN));

        proxy.clearRules();
        proxy.clearRequests();
        PromotionRecord rerun = promoter.promote(DEV_LATEST, STAGING_LATEST, PromotionOptions.by("ci"));

        assertThat(rerun.outcome()).isEqualTo(PromotionRecord.Outcome.PROMOTED);
        assertThat(rerun.image()).isEqualTo(v1);
        assertThat(proxy.requestCount("PUT", "/v2/rerun/app-staging/myapp/blobs/uploads/.+"))
                .as("the rerun uploads no blob again")
                .isZero();
        assertThat(Digest.parse(Skopeo.inspectDigest(TARGET, "rerun/app-staging/myapp:latest")))
                .isEqualTo(v1);
        ImageStream done = store.load(STAGING).orElseThrow().value();
        assertThat(done.history("latest").items()).extracting(TagEvent::image).containsExactly(v1);
        assertThat(done.history("latest").promotions())
                .extracting(PromotionRecord::outcome)
                .containsExactly(PromotionRecord.Outcome.PROMOTED, PromotionRecord.Outcome.FAILED);

        PromotionRecord again = promoter.promote(DEV_LATEST, STAGING_LATEST, PromotionOptions.by("ci"));
        assertThat(again.previousImage()).contains(v1);
        assertThat(store.load(STAGING).orElseThrow().value().history("latest").items())
                .extracting(TagEvent::image)
                .containsExactly(v1);
    }
}
