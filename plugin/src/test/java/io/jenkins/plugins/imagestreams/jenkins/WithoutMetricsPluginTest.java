package io.jenkins.plugins.imagestreams.jenkins;

import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import io.jenkins.plugins.imagestreams.jenkins.runtime.ImageStreamsRuntime;
import io.jenkins.plugins.imagestreams.jenkins.runtime.JenkinsMetrics;
import io.jenkins.plugins.imagestreams.metrics.Metrics;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.RealJenkinsRule;

/** The metrics plugin is an optional dependency: without it the plugin starts, and records no metrics. */
public class WithoutMetricsPluginTest {
    @Rule
    public RealJenkinsRule jenkins = new RealJenkinsRule().omitPlugins("metrics");

    @Test
    public void theServicesRunWithoutTheMetricsPlugin() throws Throwable {
        jenkins.then(r -> {
            assertNull(r.jenkins.getPluginManager().getPlugin("metrics"));
            assertNotNull(r.jenkins.getPluginManager().getPlugin("image-streams"));
            assertTrue(ImageStreamsRuntime.get().running().isPresent());
            assertSame(Metrics.NONE, JenkinsMetrics.current());
        });
    }
}
