package io.jenkins.plugins.imagestreams.jenkins.runtime;

import hudson.PluginWrapper;
import io.jenkins.plugins.imagestreams.metrics.Metrics;
import jenkins.model.Jenkins;

/**
 * Where the plugin's metrics go: into the metrics plugin's registry when that plugin is installed and active (the
 * Prometheus plugin exports that registry), nowhere otherwise. The metrics plugin is an optional dependency: no class
 * of it is loaded unless it is active.
 */
public final class JenkinsMetrics {
    private JenkinsMetrics() {}

    /** The metrics of this Jenkins as it is now. */
    public static Metrics current() {
        Jenkins jenkins = Jenkins.getInstanceOrNull();
        PluginWrapper plugin =
                jenkins == null ? null : jenkins.getPluginManager().getPlugin("metrics");
        return plugin != null && plugin.isActive() ? MetricsPluginRegistry.metrics() : Metrics.NONE;
    }
}
