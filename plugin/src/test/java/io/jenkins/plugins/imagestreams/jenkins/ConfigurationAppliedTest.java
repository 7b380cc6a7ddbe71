package io.jenkins.plugins.imagestreams.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.XmlFile;
import hudson.model.Saveable;
import hudson.model.listeners.SaveableListener;
import io.jenkins.plugins.imagestreams.importing.ImportScheduler;
import io.jenkins.plugins.imagestreams.jenkins.config.ImageStreamsConfiguration;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.TestExtension;

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

    @Test
    public void oneFormSubmitSavesAndAppliesTheConfigurationOnce() throws Exception {
        TestStreams.configure(TestStreams.stream(
                "app-dev", "myapp", TestStreams.registryTag("latest", "127.0.0.1:1/app:latest", true)));
        Saves.COUNT.set(0);

        r.configRoundtrip();

        assertThat(Saves.COUNT.get()).isEqualTo(1);
        assertThat(scheduled()).containsExactly("app-dev/myapp:latest");
    }

    /** Counts writes of the image streams configuration; each one also applies it to the running streams. */
    @TestExtension("oneFormSubmitSavesAndAppliesTheConfigurationOnce")
    public static final class Saves extends SaveableListener {
        static final AtomicInteger COUNT = new AtomicInteger();

        @Override
        public void onChange(Saveable o, XmlFile file) {
            if (o instanceof ImageStreamsConfiguration) {
                COUNT.incrementAndGet();
            }
        }
    }
}
