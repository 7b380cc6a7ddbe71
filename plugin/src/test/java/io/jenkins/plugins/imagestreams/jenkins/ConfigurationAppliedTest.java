package io.jenkins.plugins.imagestreams.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagestreams.importing.ImportScheduler;
import io.jenkins.plugins.imagestreams.jenkins.config.ImageStreamsConfiguration;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;

/** What the configured streams own in the store, and what leaving the configuration does to a tag. */
public class ConfigurationAppliedTest {
    @Rule
    public JenkinsRule r = new JenkinsRule();

    private static List<String> scheduled() {
        return TestStreams.services().service.watcher().orElseThrow().states().stream()
                .filter(ImportScheduler.TagState::scheduled)
                .map(s -> s.tag().stream() + ":" + s.tag().tag())
                .toList();
    }

    @Test
    public void aTagRemovedFromTheConfigurationIsNoLongerScheduledAndKeepsItsHistory() {
        TestStreams.configure(TestStreams.stream(
                "app-dev", "myapp", TestStreams.registryTag("latest", "127.0.0.1:1/app:latest", true)));
        assertThat(scheduled()).containsExactly("app-dev/myapp:latest");

        ImageStreamsConfiguration.get().setStreams(List.of());

        assertThat(scheduled()).isEmpty();
        assertThat(TestStreams.services().service.stream(StreamName.of("app-dev", "myapp"))
                        .orElseThrow()
                        .specTag("latest"))
                .isEmpty();
    }
}
