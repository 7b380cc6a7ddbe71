package io.jenkins.plugins.imagestreams.jenkins;

import io.jenkins.plugins.imagestreams.jenkins.config.ImageStreamsConfiguration;
import io.jenkins.plugins.imagestreams.jenkins.config.NamespaceAccessRule;
import io.jenkins.plugins.imagestreams.jenkins.config.RegistryDefinition;
import io.jenkins.plugins.imagestreams.jenkins.config.StreamDefinition;
import io.jenkins.plugins.imagestreams.jenkins.config.TagDefinition;
import io.jenkins.plugins.imagestreams.jenkins.runtime.ImageStreamsRuntime;
import io.jenkins.plugins.imagestreams.jenkins.trigger.ImageStreamTrigger;
import io.jenkins.plugins.imagestreams.service.ImportRequest;
import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import io.jenkins.plugins.imagestreams.testing.RegistryEndpoint;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;

/** Building blocks for the plugin's tests: configured streams, the running services, Pipeline jobs. */
final class TestStreams {
    private TestStreams() {}

    static StreamDefinition stream(String namespace, String name, TagDefinition... tags) {
        StreamDefinition stream = new StreamDefinition(namespace, name);
        stream.setTags(List.of(tags));
        return stream;
    }

    /** A tag importing {@code reference} from a registry. */
    static TagDefinition registryTag(String name, String reference, boolean scheduled) {
        TagDefinition tag = new TagDefinition(name);
        tag.setSourceKind("DockerImage");
        tag.setSource(reference);
        tag.setScheduled(scheduled);
        return tag;
    }

    /** Lists {@code registry} under the configured registries, without credentials, so steps may name it. */
    static RegistryDefinition allowRegistry(RegistryEndpoint registry) {
        RegistryDefinition definition = new RegistryDefinition(registry.host());
        ImageStreamsConfiguration.get().setRegistries(List.of(definition));
        return definition;
    }

    static NamespaceAccessRule rule(String namespace, String writers, String readers) {
        NamespaceAccessRule rule = new NamespaceAccessRule(namespace);
        rule.setWriters(writers);
        rule.setReaders(readers);
        return rule;
    }

    static void configure(StreamDefinition... streams) {
        ImageStreamsConfiguration.get().setStreams(List.of(streams));
    }

    /** Users {@code admin} (Overall/Administer) and {@code reader} (Overall/Read only). */
    static void adminAndReader(JenkinsRule r) {
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER)
                .everywhere()
                .to("admin")
                .grant(Jenkins.READ)
                .everywhere()
                .to("reader"));
    }

    static ImageStreamsRuntime.Services services() {
        return ImageStreamsRuntime.get().services();
    }

    /** Imports {@code namespace/name:tag} now, as the scheduler would. */
    static void importNow(String namespace, String name, String tag) {
        services()
                .service
                .importTag(ImportRequest.of(new TagSource.ImageStreamTag(StreamName.of(namespace, name), tag)));
    }

    static ImageStream stored(String namespace, String name) {
        return services().service.stream(StreamName.of(namespace, name)).orElseThrow();
    }

    /** A Pipeline job that echoes the digest it was started for, triggered by {@code streamTags}. */
    static WorkflowJob triggered(JenkinsRule r, String name, String streamTags) throws Exception {
        WorkflowJob job = pipeline(r, name, "echo \"digest=${env.IMAGE_DIGEST}\"");
        job.addTrigger(new ImageStreamTrigger(streamTags));
        return job;
    }

    /** Configures {@code app-dev/myapp:latest} to import {@code reference} (not scheduled). */
    static void configureMyappLatest(String reference) {
        configure(stream("app-dev", "myapp", registryTag("latest", reference, false)));
    }

    static WorkflowJob pipeline(JenkinsRule r, String name, String script) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, name);
        job.setDefinition(new CpsFlowDefinition(script, true));
        return job;
    }
}
