package io.jenkins.plugins.imagestreams.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorRegistry;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.Util;
import io.jenkins.plugins.casc.model.CNode;
import io.jenkins.plugins.imagestreams.jenkins.config.ImageStreamsConfiguration;
import io.jenkins.plugins.imagestreams.jenkins.config.StreamDefinition;
import io.jenkins.plugins.imagestreams.jenkins.config.TagDefinition;
import org.junit.Rule;
import org.junit.Test;

public class ConfigurationAsCodeTest {
    @Rule
    public JenkinsConfiguredWithCodeRule r = new JenkinsConfiguredWithCodeRule();

    @Test
    @ConfiguredWithCode("configuration-as-code.yml")
    public void yamlConfiguresEveryPart() {
        ImageStreamsConfiguration config = ImageStreamsConfiguration.get();
        assertThat(config.getPollIntervalSeconds()).isEqualTo(60);
        assertThat(config.getHistoryLimit()).isEqualTo(20);
        assertThat(config.isStoreInCluster()).isFalse();
        assertThat(config.getStoreNamespace()).isEqualTo("image-streams");
        StreamDefinition stream = config.stream("app-dev", "myapp").orElseThrow();
        assertThat(stream.getRepository()).isEqualTo("registry.example.com/dev/myapp");
        TagDefinition latest = stream.getTags().get(0);
        assertThat(latest.getName()).isEqualTo("latest");
        assertThat(latest.getSource()).isEqualTo("registry.example.com/team/app:latest");
        assertThat(latest.isScheduled()).isTrue();
        TagDefinition v1 = stream.getTags().get(1);
        assertThat(v1.getTagPolicyType()).isEqualTo("semver");
        assertThat(v1.getTagPolicyValue()).isEqualTo(">=1.0.0 <2.0.0");
        assertThat(config.registry("registry.example.com").orElseThrow().getCredentialsId())
                .isEqualTo("registry-creds");
        assertThat(config.getWebhooks()).singleElement().satisfies(w -> {
            assertThat(w.getScheme()).isEqualTo("path");
            assertThat(w.getSecret().getPlainText()).isEqualTo("0123456789abcdef0123456789abcdef");
        });
        assertThat(config.getAccessRules()).singleElement().satisfies(rule -> {
            assertThat(rule.getNamespace()).isEqualTo("app-prod");
            assertThat(rule.getWriters()).isEqualTo("release/");
        });
        assertThat(TestStreams.stored("app-dev", "myapp").specTag("latest")).isPresent();
    }

    @Test
    @ConfiguredWithCode("configuration-as-code.yml")
    public void exportReadsBackWhatWasConfigured() throws Exception {
        ConfigurationContext context = new ConfigurationContext(ConfiguratorRegistry.get());
        CNode node = Util.getUnclassifiedRoot(context).get("imageStreams");
        String exported = Util.toYamlString(node);
        assertThat(exported)
                .contains("pollIntervalSeconds: 60")
                .contains("historyLimit: 20")
                .contains("storeNamespace: \"image-streams\"")
                .contains("namespace: \"app-dev\"")
                .contains("source: \"registry.example.com/team/app:latest\"")
                .contains("tagPolicyValue: \">=1.0.0 <2.0.0\"")
                .contains("credentialsId: \"registry-creds\"")
                .doesNotContain("0123456789abcdef0123456789abcdef");
    }
}
