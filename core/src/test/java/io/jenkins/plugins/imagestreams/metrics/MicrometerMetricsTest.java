package io.jenkins.plugins.imagestreams.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagestreams.api.CopyResult;
import io.jenkins.plugins.imagestreams.api.ImportResult;
import io.jenkins.plugins.imagestreams.notify.NotificationAuthenticator;
import io.jenkins.plugins.imagestreams.notify.NotificationHandler;
import io.jenkins.plugins.imagestreams.notify.NotificationSource;
import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.registry.RegistryClient;
import io.jenkins.plugins.imagestreams.service.ImageStreamService;
import io.jenkins.plugins.imagestreams.service.ImportRequest;
import io.jenkins.plugins.imagestreams.stream.ImportPolicy;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.TagCondition;
import io.jenkins.plugins.imagestreams.stream.TagEvent;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import io.jenkins.plugins.imagestreams.testing.ManualClock;
import io.jenkins.plugins.imagestreams.testing.RegistryFixture;
import io.jenkins.plugins.imagestreams.testing.Skopeo;
import io.jenkins.plugins.imagestreams.testing.TestImages;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class MicrometerMetricsTest {
    @ClassRule
    public static final RegistryFixture REGISTRY = RegistryFixture.plain();

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Digest A = Digest.sha256("a".getBytes(StandardCharsets.UTF_8));

    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ManualClock clock = new ManualClock(T0);
    private final Metrics metrics = new MicrometerMetrics(registry, clock);

    private double count(String name, String... tags) {
        var counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    public void importsAreCountedByResultAndFailureReason() {
        TagEvent head = new TagEvent(T0, "localhost:5000/app@" + A, A, 1, "import");
        metrics.imported(new ImportResult.Changed(Optional.empty(), head));
        metrics.imported(new ImportResult.Unchanged(head));
        metrics.imported(new ImportResult.Unchanged(head));
        metrics.imported(new ImportResult.Failed(
                TagCondition.importFailed("Unauthorized", "no", 1, T0), false, Optional.empty()));

        assertThat(count("imagestreams.imports", "result", "changed", "reason", ""))
                .isEqualTo(1);
        assertThat(count("imagestreams.imports", "result", "unchanged")).isEqualTo(2);
        assertThat(count("imagestreams.imports", "result", "failed", "reason", "Unauthorized"))
                .isEqualTo(1);
    }

    @Test
    public void importsAskedOfTheServiceAreCountedAsScheduledOnesAre() throws Exception {
        Skopeo.push(TestImages.image(tmp.newFolder().toPath(), "on demand"), REGISTRY, "metrics/app:1");
        ImageReference source = ImageReference.parse(REGISTRY.reference("metrics/app:1"));
        TagSource.ImageStreamTag tag = new TagSource.ImageStreamTag(StreamName.of("dev", "app"), "latest");
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
        try (ImageStreamService service = ImageStreamService.builder()
                .fileStore(tmp.newFolder().toPath())
                .executor(executor)
                .metrics(metrics)
                .build()) {
            service.importTag(ImportRequest.of(tag).withFrom(source));
            service.importTag(ImportRequest.of(tag));
            service.importRepository(StreamName.of("dev", "all"), source, ImportPolicy.DEFAULT, 10);
        } finally {
            executor.shutdownNow();
        }

        assertThat(count("imagestreams.imports", "result", "changed"))
                .as("a tag and a repository's")
                .isEqualTo(2);
        assertThat(count("imagestreams.imports", "result", "unchanged")).isEqualTo(1);
    }

    @Test
    public void aPauseARegistryAsksForIsCountedAndShownUntilItEnds() {
        metrics.registryPaused("quay.io", Duration.ofSeconds(30));

        assertThat(count("imagestreams.registry.pauses", "host", "quay.io")).isEqualTo(1);
        var paused = registry.find("imagestreams.registry.paused")
                .tag("host", "quay.io")
                .gauge();
        assertThat(paused.value()).isEqualTo(30.0);
        clock.advance(Duration.ofSeconds(20));
        assertThat(paused.value()).isEqualTo(10.0);
        clock.advance(Duration.ofSeconds(20));
        assertThat(paused.value()).isZero();
    }

    @Test
    public void aRegistryClientCountsEachExchangeByHostMethodAndStatus() throws Exception {
        try (RegistryClient client = RegistryClient.builder().metrics(metrics).build()) {
            ImageReference missing = ImageReference.parse(REGISTRY.host() + "/metrics/none:1");
            try {
                client.resolve(missing);
            } catch (io.jenkins.plugins.imagestreams.registry.RegistryException expected) {
                // the repository does not exist: counted all the same
            }
        }
        double requests =
                registry.find("imagestreams.registry.requests").tag("host", REGISTRY.host()).counters().stream()
                        .mapToDouble(c -> c.count())
                        .sum();
        assertThat(requests).isGreaterThanOrEqualTo(1);
        assertThat(registry.find("imagestreams.registry.requests")
                        .tag("host", REGISTRY.host())
                        .tag("status", "404")
                        .counters())
                .isNotEmpty();
    }

    @Test
    public void notificationsAreCountedBySourceAndStatusAndUnknownSourcesShareOneLabel() {
        NotificationHandler handler = new NotificationHandler(
                Map.of(
                        NotificationSource.DISTRIBUTION,
                        NotificationAuthenticator.documented(
                                NotificationSource.DISTRIBUTION, "a-webhook-secret-of-24-characters")),
                pushes -> {},
                Runnable::run,
                metrics);
        for (String source : List.of("distribution", "no-such-source-1", "no-such-source-2")) {
            handler.handle(source, "wrong", Map.of(), new ByteArrayInputStream(new byte[0]));
        }

        assertThat(count("imagestreams.notifications", "source", "distribution", "status", "401"))
                .isEqualTo(1);
        assertThat(count("imagestreams.notifications", "source", "unknown", "status", "404"))
                .isEqualTo(2);
        assertThat(registry.find("imagestreams.notifications").counters()).hasSize(2);
    }

    @Test
    public void deliveriesPromotionsAndCopiesAreTimedAndCounted() {
        metrics.delivered("cli-exec", Duration.ofMillis(1500));
        metrics.promoted("refused", Duration.ofMillis(20));
        metrics.copied(new CopyResult(A, "application/vnd.oci.image.manifest.v1+json", 1, 2, 3, 4, 5000, List.of()));

        var lag = registry.find("imagestreams.event.delivery.lag")
                .tag("listener", "cli-exec")
                .timer();
        assertThat(lag.count()).isEqualTo(1);
        assertThat(lag.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(1500);
        assertThat(registry.find("imagestreams.promotions")
                        .tag("result", "refused")
                        .timer()
                        .count())
                .isEqualTo(1);
        assertThat(count("imagestreams.copy.bytes")).isEqualTo(5000);
        assertThat(count("imagestreams.copy.blobs", "how", "mounted")).isEqualTo(2);
        assertThat(count("imagestreams.copy.blobs", "how", "uploaded")).isEqualTo(3);
        assertThat(count("imagestreams.copy.blobs", "how", "skipped")).isEqualTo(4);
    }
}
