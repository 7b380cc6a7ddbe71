package io.jenkins.plugins.imagestreams.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.Counting;
import com.codahale.metrics.Metric;
import io.jenkins.plugins.imagestreams.jenkins.runtime.JenkinsMetrics;
import io.jenkins.plugins.imagestreams.testing.RegistryFixture;
import io.jenkins.plugins.imagestreams.testing.Skopeo;
import io.jenkins.plugins.imagestreams.testing.TestImages;
import java.util.Map;
import java.util.TreeMap;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * With the metrics plugin installed, imports and registry requests are counted in its registry, the one the
 * Prometheus plugin exports.
 */
public class MetricsPluginTest {
    @ClassRule
    public static RegistryFixture registry = RegistryFixture.plain();

    @Rule
    public JenkinsRule r = new JenkinsRule();

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void importsAndRegistryRequestsAreCountedInTheMetricsPluginsRegistry() throws Exception {
        Skopeo.push(TestImages.image(tmp.newFolder().toPath(), "metrics"), registry, "app:latest");
        TestStreams.configureMyappLatest(registry.reference("app:latest"));

        TestStreams.importNow("app-dev", "myapp", "latest");
        TestStreams.importNow("app-dev", "myapp", "latest");

        Map<String, Long> counts = ours();
        assertThat(counts)
                .as("the image streams counters in the metrics plugin's registry")
                .containsEntry("imagestreams.imports.reason..result.changed", 1L)
                .containsEntry("imagestreams.imports.reason..result.unchanged", 1L)
                .containsEntry("imagestreams.event.delivery.lag.listener.jenkins-triggers", 1L);
        assertThat(counts.keySet())
                .as("registry requests by host, method and status")
                .anyMatch(name -> name.startsWith("imagestreams.registry.requests.host." + registry.host())
                        && name.contains(".method.HEAD.")
                        && name.endsWith(".status.200"));
        assertThat(JenkinsMetrics.current()).isSameAs(JenkinsMetrics.current());
    }

    /** The counting metrics of this plugin in the metrics plugin's registry, by name. */
    private static Map<String, Long> ours() {
        Map<String, Long> counts = new TreeMap<>();
        for (Map.Entry<String, Metric> metric :
                jenkins.metrics.api.Metrics.metricRegistry().getMetrics().entrySet()) {
            if (metric.getKey().startsWith("imagestreams.") && metric.getValue() instanceof Counting counting) {
                counts.put(metric.getKey(), counting.getCount());
            }
        }
        return counts;
    }
}
