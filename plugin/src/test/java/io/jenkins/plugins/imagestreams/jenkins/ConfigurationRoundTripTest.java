package io.jenkins.plugins.imagestreams.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.util.FormValidation;
import hudson.util.Secret;
import io.jenkins.plugins.imagestreams.jenkins.config.ImageStreamsConfiguration;
import io.jenkins.plugins.imagestreams.jenkins.config.KubernetesDefinition;
import io.jenkins.plugins.imagestreams.jenkins.config.RegistryDefinition;
import io.jenkins.plugins.imagestreams.jenkins.config.StreamDefinition;
import io.jenkins.plugins.imagestreams.jenkins.config.TagDefinition;
import io.jenkins.plugins.imagestreams.jenkins.config.WebhookEndpoint;
import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.ImportMode;
import io.jenkins.plugins.imagestreams.stream.ReferencePolicy;
import io.jenkins.plugins.imagestreams.stream.TagSpec;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;

public class ConfigurationRoundTripTest {
    @Rule
    public JenkinsRule r = new JenkinsRule();

    @Test
    public void everyFieldSurvivesTheConfigurationPage() throws Exception {
        ImageStreamsConfiguration config = ImageStreamsConfiguration.get();
        TagDefinition latest = TestStreams.registryTag("latest", "registry.example.com/team/app:latest", true);
        latest.setImportMode("Legacy");
        latest.setReferencePolicy("Local");
        latest.setInsecure(true);
        TagDefinition stable = new TagDefinition("stable");
        stable.setSourceKind("ImageStreamTag");
        stable.setSource("myapp:latest");
        stable.setAlias(true);
        TagDefinition semver = TestStreams.registryTag("v1", "registry.example.com/team/app:1.0.0", false);
        semver.setTagPolicyType("semver");
        semver.setTagPolicyValue(">=1.0.0 <2.0.0");
        semver.setPromotionGate("app-qa/myapp:tested");
        semver.setWorkloads("deployment/app-prod/web:server\ncronjob/app-prod/-l app=report");
        StreamDefinition stream = TestStreams.stream("app-dev", "myapp", latest, stable, semver);
        stream.setRepository("registry.example.com/dev/myapp");
        stream.setHistoryLimit(5);
        RegistryDefinition registry = new RegistryDefinition("registry.example.com");
        registry.setCredentialsId("registry-creds");
        registry.setInsecure(true);
        WebhookEndpoint webhook = new WebhookEndpoint("distribution", Secret.fromString("a".repeat(32)));
        webhook.setScheme("bearer");
        config.setStreams(List.of(stream));
        config.setRegistries(List.of(registry));
        config.setWebhooks(List.of(webhook));
        config.setAccessRules(List.of(TestStreams.rule("app-prod", "release/", "audit/*")));
        config.setPollIntervalSeconds(120);
        config.setHistoryLimit(7);
        KubernetesDefinition kubernetes =
                new KubernetesDefinition("https://kubernetes.example.com:6443", "k8s-token", "");
        config.setKubernetes(kubernetes);

        r.configRoundtrip();

        ImageStreamsConfiguration after = ImageStreamsConfiguration.get();
        r.assertEqualDataBoundBeans(after.getStreams(), List.of(stream));
        r.assertEqualDataBoundBeans(after.getRegistries(), List.of(registry));
        r.assertEqualDataBoundBeans(
                after.getAccessRules(), List.of(TestStreams.rule("app-prod", "release/", "audit/*")));
        assertThat(after.getWebhooks()).singleElement().satisfies(w -> {
            assertThat(w.getSource()).isEqualTo("distribution");
            assertThat(w.getSecret().getPlainText()).isEqualTo("a".repeat(32));
        });
        assertThat(after.getPollIntervalSeconds()).isEqualTo(120);
        assertThat(after.getHistoryLimit()).isEqualTo(7);
        r.assertEqualDataBoundBeans(after.getKubernetes(), kubernetes);
    }

    @Test
    public void workloadsReachTheStoredTagSpec() {
        TagDefinition latest = TestStreams.registryTag("latest", "registry.example.com/team/app:latest", false);
        latest.setWorkloads("  deployment/app-prod/web:server\r\n\r\nCronJob/app-prod/-l app=report  ");
        TestStreams.configure(TestStreams.stream("app-dev", "myapp", latest));

        assertThat(latest.getWorkloads()).isEqualTo("deployment/app-prod/web:server\nCronJob/app-prod/-l app=report");
        assertThat(TestStreams.stored("app-dev", "myapp")
                        .specTag("latest")
                        .orElseThrow()
                        .workloads())
                .extracting(Object::toString)
                .containsExactly("deployment/app-prod/web:server", "cronjob/app-prod/-l app=report");
    }

    @Test
    public void workloadFieldNamesTheLineThatDoesNotParse() {
        TagDefinition.DescriptorImpl descriptor = r.jenkins.getDescriptorByType(TagDefinition.DescriptorImpl.class);

        assertThat(descriptor.doCheckWorkloads("deployment/app-prod/web").kind).isEqualTo(FormValidation.Kind.OK);
        FormValidation bad = descriptor.doCheckWorkloads("deployment/app-prod/web\ndeployment/app-prod");
        assertThat(bad.kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(bad.getMessage()).contains("deployment/app-prod").contains("KIND/NAMESPACE/NAME");
    }

    @Test
    public void savedDefinitionsReachTheStoreAsCoreSpecs() {
        TagDefinition latest = TestStreams.registryTag("latest", "registry.example.com/team/app:latest", true);
        latest.setImportMode("Legacy");
        latest.setReferencePolicy("Local");
        TestStreams.configure(TestStreams.stream("app-dev", "myapp", latest));

        ImageStream stored = TestStreams.stored("app-dev", "myapp");
        TagSpec spec = stored.specTag("latest").orElseThrow();
        assertThat(spec.dockerImage().orElseThrow()).hasToString("registry.example.com/team/app:latest");
        assertThat(spec.importPolicy().scheduled()).isTrue();
        assertThat(spec.importPolicy().importMode()).isEqualTo(ImportMode.LEGACY);
        assertThat(spec.referencePolicy()).isEqualTo(ReferencePolicy.LOCAL);
        assertThat(stored.spec().historyLimit())
                .isEqualTo(ImageStreamsConfiguration.get().getHistoryLimit());
    }

    @Test
    public void statusIsNotWrittenIntoTheConfigurationFile() throws Exception {
        TestStreams.configure(TestStreams.stream(
                "app-dev", "myapp", TestStreams.registryTag("latest", "registry.example.com/team/app:latest", false)));
        String xml = java.nio.file.Files.readString(
                r.jenkins.getRootDir().toPath().resolve(ImageStreamsConfiguration.class.getName() + ".xml"));
        assertThat(xml).contains("registry.example.com/team/app:latest").doesNotContain("dockerImageReference");
        assertThat(new java.io.File(r.jenkins.getRootDir(), "image-streams/app-dev/myapp.json"))
                .exists();
    }
}
