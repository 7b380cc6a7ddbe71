/**
 * What a running instance counts for Prometheus: {@link io.jenkins.plugins.imagestreams.metrics.Metrics}, recorded
 * into Micrometer by {@link io.jenkins.plugins.imagestreams.metrics.MicrometerMetrics} when an adapter asks for it.
 */
package io.jenkins.plugins.imagestreams.metrics;
