package io.jenkins.plugins.imagestreams.jenkins.runtime;

import com.codahale.metrics.MetricRegistry;
import io.jenkins.plugins.imagestreams.metrics.Metrics;
import io.jenkins.plugins.imagestreams.metrics.MicrometerMetrics;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.config.NamingConvention;
import io.micrometer.core.instrument.dropwizard.DropwizardConfig;
import io.micrometer.core.instrument.dropwizard.DropwizardMeterRegistry;
import io.micrometer.core.instrument.util.HierarchicalNameMapper;

/**
 * The plugin's metrics in the metrics plugin's Dropwizard registry, through Micrometer's Dropwizard bridge: a meter's
 * tags, sorted by key, become parts of its name ({@code imagestreams.registry.requests.host.quay.io.method.HEAD
 * .status.200}), which the Prometheus plugin exports with each character outside {@code [a-zA-Z0-9:_]} as {@code _}.
 * Loaded only when the metrics plugin is active ({@link JenkinsMetrics}).
 */
final class MetricsPluginRegistry {
    /** A Dropwizard name may be registered once: one bridge per registry, the same across service restarts. */
    private static MetricRegistry bridged;

    private static Metrics metrics;

    private MetricsPluginRegistry() {}

    static synchronized Metrics metrics() {
        MetricRegistry registry = jenkins.metrics.api.Metrics.metricRegistry();
        if (registry != bridged) {
            metrics = new MicrometerMetrics(new Bridge(registry), java.time.Clock.systemUTC());
            bridged = registry;
        }
        return metrics;
    }

    /** Micrometer meters kept as Dropwizard metrics of {@code registry}. */
    private static final class Bridge extends DropwizardMeterRegistry {
        private static final DropwizardConfig CONFIG = new DropwizardConfig() {
            @Override
            public String prefix() {
                return "imagestreams";
            }

            @Override
            public String get(String key) {
                return null;
            }
        };

        Bridge(MetricRegistry registry) {
            super(CONFIG, registry, HierarchicalNameMapper.DEFAULT, Clock.SYSTEM);
            // names as the meters have them (Micrometer's Dropwizard default is camelCase: imagestreamsImports)
            config().namingConvention(NamingConvention.dot);
        }

        @Override
        protected Double nullGaugeValue() {
            return Double.NaN;
        }
    }
}
