package io.jenkins.plugins.imagestreams.metrics;

import io.jenkins.plugins.imagestreams.api.CopyResult;
import io.jenkins.plugins.imagestreams.api.ImportResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link Metrics} recorded into a Micrometer {@link MeterRegistry}: a Prometheus registry for {@code imagestreams watch
 * --metrics}, the Jenkins metrics plugin's registry in Jenkins. Names as Prometheus shows them:
 *
 * <ul>
 *   <li>{@code imagestreams_imports_total{result="changed|unchanged|failed",reason}} (reason: the failure's, else
 *       empty)
 *   <li>{@code imagestreams_registry_requests_total{host,method,status}} (status {@code none} when no answer came;
 *       a {@code 304} is a request answered from the client's cache)
 *   <li>{@code imagestreams_registry_pauses_total{host}} and {@code imagestreams_registry_paused_seconds{host}}: how
 *       often a registry asked us to wait, and how long it still does
 *   <li>{@code imagestreams_notifications_total{source,status}}
 *   <li>{@code imagestreams_event_delivery_lag_seconds{listener}}: from a change's record to its delivery
 *   <li>{@code imagestreams_promotions_seconds{result="promoted|refused|failed"}}
 *   <li>{@code imagestreams_copy_bytes_total}, {@code imagestreams_copy_blobs_total{how="uploaded|mounted|skipped"}}
 * </ul>
 */
public final class MicrometerMetrics implements Metrics {
    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<String, Instant> pausedUntil = new ConcurrentHashMap<>();

    public MicrometerMetrics(MeterRegistry registry, Clock clock) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void registryRequest(String host, String method, int status) {
        Counter.builder("imagestreams.registry.requests")
                .description("HTTP exchanges with registries")
                .tag("host", host)
                .tag("method", method)
                .tag("status", status == 0 ? "none" : Integer.toString(status))
                .register(registry)
                .increment();
    }

    @Override
    public void registryPaused(String host, Duration pause) {
        Instant until = clock.instant().plus(pause);
        pausedUntil.merge(host, until, (a, b) -> a.isAfter(b) ? a : b);
        Counter.builder("imagestreams.registry.pauses")
                .description("times a registry asked for a pause (429 Retry-After, RateLimit-Remaining: 0)")
                .tag("host", host)
                .register(registry)
                .increment();
        Gauge.builder("imagestreams.registry.paused", this, m -> m.secondsPaused(host))
                .description("seconds until requests to the registry start again")
                .baseUnit("seconds")
                .tag("host", host)
                .register(registry);
    }

    private double secondsPaused(String host) {
        Instant until = pausedUntil.get(host);
        if (until == null) {
            return 0;
        }
        long millis = Duration.between(clock.instant(), until).toMillis();
        return millis > 0 ? millis / 1000.0 : 0;
    }

    @Override
    public void imported(ImportResult result) {
        String outcome;
        String reason = "";
        if (result instanceof ImportResult.Changed) {
            outcome = "changed";
        } else if (result instanceof ImportResult.Unchanged) {
            outcome = "unchanged";
        } else {
            outcome = "failed";
            reason = ((ImportResult.Failed) result).condition().reason();
        }
        Counter.builder("imagestreams.imports")
                .description("imports of stream tags, by result and failure reason")
                .tag("result", outcome)
                .tag("reason", reason)
                .register(registry)
                .increment();
    }

    @Override
    public void notification(String source, int status) {
        Counter.builder("imagestreams.notifications")
                .description("registry push notifications received, by source and the status answered")
                .tag("source", source)
                .tag("status", Integer.toString(status))
                .register(registry)
                .increment();
    }

    @Override
    public void delivered(String listenerId, Duration lag) {
        Timer.builder("imagestreams.event.delivery.lag")
                .description("time from an image change's record to its delivery to a listener")
                .tag("listener", listenerId)
                .register(registry)
                .record(lag.isNegative() ? Duration.ZERO : lag);
    }

    @Override
    public void promoted(String result, Duration took) {
        Timer.builder("imagestreams.promotions")
                .description("promotions, by result, and how long they took")
                .tag("result", result)
                .register(registry)
                .record(took);
    }

    @Override
    public void copied(CopyResult result) {
        Counter.builder("imagestreams.copy.bytes")
                .description("bytes uploaded by image copies")
                .baseUnit("bytes")
                .register(registry)
                .increment(result.bytesUploaded());
        blobs("uploaded", result.blobsUploaded());
        blobs("mounted", result.blobsMounted());
        blobs("skipped", result.blobsSkipped());
    }

    private void blobs(String how, int count) {
        Counter.builder("imagestreams.copy.blobs")
                .description("blobs image copies brought to their targets, by how")
                .tag("how", how)
                .register(registry)
                .increment(count);
    }
}
