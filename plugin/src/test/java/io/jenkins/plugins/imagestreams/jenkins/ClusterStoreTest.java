package io.jenkins.plugins.imagestreams.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.util.Secret;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.jenkins.plugins.imagestreams.cluster.KubernetesStreamStore;
import io.jenkins.plugins.imagestreams.jenkins.config.ImageStreamsConfiguration;
import io.jenkins.plugins.imagestreams.jenkins.config.KubernetesDefinition;
import io.jenkins.plugins.imagestreams.jenkins.runtime.ImageStreamsRuntime;
import io.jenkins.plugins.imagestreams.jenkins.trigger.ImageStreamTrigger;
import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.store.StreamStore;
import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.ImageStreamSpec;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import io.jenkins.plugins.imagestreams.stream.TagSpec;
import io.jenkins.plugins.imagestreams.testing.RegistryFixture;
import io.jenkins.plugins.imagestreams.testing.Skopeo;
import io.jenkins.plugins.imagestreams.testing.TestImages;
import io.jenkins.plugins.imagestreams.testing.kubernetes.CrudKubernetesServer;
import io.jenkins.plugins.imagestreams.testing.kubernetes.ImageStreamDefinition;
import java.time.Instant;
import java.util.Optional;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * Streams kept in the cluster: with the store in the configured cluster (fabric8's mock API server in CRUD mode), an
 * import from a pipeline lands as a custom resource there and not in JENKINS_HOME; a cluster without the resource
 * definition stops the services with the reason logged until the configuration is saved again.
 */
public class ClusterStoreTest {
    @ClassRule
    public static RegistryFixture registry = RegistryFixture.plain();

    @Rule
    public JenkinsRule r = new JenkinsRule();

    @Rule
    public CrudKubernetesServer kubernetes = new CrudKubernetesServer(false);

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private void installDefinition() throws Exception {
        ImageStreamDefinition.install(kubernetes.client());
    }

    private void keepStreamsInTheCluster() throws Exception {
        SystemCredentialsProvider credentials = SystemCredentialsProvider.getInstance();
        credentials
                .getCredentials()
                .add(new StringCredentialsImpl(
                        CredentialsScope.SYSTEM, "store-token", "", Secret.fromString("store-token")));
        credentials.save();
        TestStreams.allowRegistry(registry);
        ImageStreamsConfiguration config = ImageStreamsConfiguration.get();
        config.setKubernetes(new KubernetesDefinition(kubernetes.url(), "store-token", ""));
        config.setStoreNamespace("app-dev");
        config.setStoreInCluster(true);
    }

    @Test
    public void anImportFromAPipelineLandsInTheClusterAndNotInJenkinsHome() throws Exception {
        installDefinition();
        keepStreamsInTheCluster();
        String digest = Skopeo.push(TestImages.image(tmp.newFolder().toPath(), "cluster store"), registry, "c/app:1");

        WorkflowRun run = r.buildAndAssertSuccess(TestStreams.pipeline(
                r,
                "importer",
                "imageStreamImport name: 'app-dev/myapp:latest', from: '" + registry.reference("c/app:1") + "'"));

        r.assertLogContains("Imported app-dev/myapp:latest: " + digest.substring(0, 19), run);
        GenericKubernetesResource object = kubernetes
                .client()
                .genericKubernetesResources(KubernetesStreamStore.CONTEXT)
                .inNamespace("app-dev")
                .withName("myapp")
                .get();
        assertThat(object).isNotNull();
        assertThat(object.getAdditionalProperties().get("status").toString()).contains(digest);
        assertThat(r.jenkins.getRootDir().toPath().resolve("image-streams/app-dev/myapp.json"))
                .doesNotExist();
    }

    @Test
    public void eachControllerSharingTheStoreStartsItsOwnJobsForAChangeAnotherDelivered() throws Exception {
        installDefinition();
        String digest = Skopeo.push(TestImages.image(tmp.newFolder().toPath(), "shared"), registry, "c/app:2");
        ImageStream stream = ImageStream.create(
                        StreamName.parse("app-dev/myapp"),
                        ImageStreamSpec.empty()
                                .withTag(TagSpec.of(
                                        "latest",
                                        new TagSource.DockerImage(
                                                ImageReference.parse(registry.reference("c/app:2"))))))
                .recordImport(
                        "latest", Digest.parse(digest), registry.reference("c/app@" + digest), Instant.now(), "import")
                // another controller delivered it to its jobs: under the id every controller had in common (which
                // kept this one's jobs from starting) and under its own
                .withDelivered("latest", "jenkins-triggers")
                .withDelivered("latest", "jenkins-triggers@another-controller");
        try (KubernetesStreamStore store = KubernetesStreamStore.open(kubernetes.client(), Optional.of("app-dev"))) {
            store.save(stream, StreamStore.NEW);
        }
        WorkflowJob job = TestStreams.pipeline(r, "deploy", "echo \"digest=${env.IMAGE_DIGEST}\"");
        job.addTrigger(new ImageStreamTrigger("app-dev/myapp:latest"));

        keepStreamsInTheCluster();

        Await.until("this controller's build of the change", () -> job.getBuildByNumber(1) != null);
        r.waitUntilNoActivity();
        r.assertLogContains("digest=" + digest, job.getBuildByNumber(1));
        String mine = "jenkins-triggers@" + r.jenkins.getLegacyInstanceId();
        Await.until("this controller's mark", () -> TestStreams.stored("app-dev", "myapp")
                .history("latest")
                .deliveredTo()
                .contains(mine));
        assertThat(job.getBuilds()).hasSize(1);
    }

    @Test
    public void aClusterWithoutTheDefinitionStopsTheServicesUntilSavedAgain() throws Exception {
        keepStreamsInTheCluster();

        assertThat(ImageStreamsRuntime.get().running()).isEmpty();

        installDefinition();
        ImageStreamsConfiguration.get().save();
        assertThat(ImageStreamsRuntime.get().running()).isPresent();
    }
}
