package io.jenkins.plugins.imagestreams.metrics;

import io.jenkins.plugins.imagestreams.api.CopyResult;
import io.jenkins.plugins.imagestreams.api.ImportResult;
import java.time.Duration;

/**
 * What a running instance counts, for a Prometheus to scrape: imports, registry requests, rate-limit pauses,
 * notifications, event deliveries, promotions and copies. {@link #NONE} counts nothing and loads no metrics library, so
 * a one-shot command pays nothing; {@link MicrometerMetrics} records into a Micrometer registry. Every method is cheap
 * and safe from any thread.
 */
public interface Metrics {
    /** Counts nothing. */
    Metrics NONE = new Metrics() {};

    /**
     * One HTTP exchange with a registry.
     *
     * @param host the registry, {@code host[:port]}
     * @param method {@code HEAD}, {@code GET}, {@code PUT}, …
     * @param status the answer's status, or 0 when none came (connection refused, timeout)
     */
    default void registryRequest(String host, String method, int status) {}

    /** The registry {@code host} asked for a pause (429 with Retry-After, or RateLimit-Remaining 0) of {@code pause}. */
    default void registryPaused(String host, Duration pause) {}

    /** One import of a stream tag ended with {@code result}. */
    default void imported(ImportResult result) {}

    /**
     * One push notification was answered.
     *
     * @param source the endpoint's source ({@code distribution}, {@code harbor}, …)
     * @param status the HTTP status the sender got
     */
    default void notification(String source, int status) {}

    /** A listener received an image change {@code lag} after the change was recorded. */
    default void delivered(String listenerId, Duration lag) {}

    /**
     * One promotion ended.
     *
     * @param result {@code promoted}, {@code refused} (a gate said no) or {@code failed}
     * @param took how long it took
     */
    default void promoted(String result, Duration took) {}

    /** One image copy ended with {@code result}: bytes uploaded, blobs mounted, uploaded and skipped. */
    default void copied(CopyResult result) {}
}
