package io.jenkins.plugins.imagestreams.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.ItemGroup;
import hudson.model.Result;
import hudson.util.Secret;
import io.jenkins.plugins.imagestreams.jenkins.config.ImageStreamsConfiguration;
import io.jenkins.plugins.imagestreams.jenkins.config.KubernetesDefinition;
import io.jenkins.plugins.imagestreams.jenkins.config.RegistryDefinition;
import io.jenkins.plugins.imagestreams.jenkins.runtime.ImageStreamsRuntime;
import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.testing.RegistryFixture;
import io.jenkins.plugins.imagestreams.testing.Skopeo;
import io.jenkins.plugins.imagestreams.testing.TestImages;
import io.jenkins.plugins.imagestreams.testing.kubernetes.CrudKubernetesServer;
import io.jenkins.plugins.imagestreams.testing.kubernetes.TestWorkloads;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockFolder;
import org.jvnet.hudson.test.TestExtension;
import org.springframework.security.core.Authentication;

/**
 * A Jenkinsfile author acts with the build's own authority: registry and cluster credentials the build may use, never
 * the administrator's SYSTEM-scoped ones, never the controller's cluster access unless the administrator says so.
 */
public class StepAuthorityTest {
    @ClassRule
    public static RegistryFixture registry =
            RegistryFixture.builder().basicAuth("alice", "s3cret").build();

    /**
     * Plain HTTP on loopback: the mock server's certificate names localhost only in its CN, which the OkHttp client of
     * Jenkins' kubernetes-client-api refuses (it checks subject alternative names only).
     */
    @ClassRule
    public static CrudKubernetesServer kubernetes = new CrudKubernetesServer(false);

    @ClassRule
    public static TemporaryFolder tmp = new TemporaryFolder();

    @Rule
    public JenkinsRule r = new JenkinsRule();

    private static Digest digest;

    @BeforeClass
    public static void pushImage() throws Exception {
        digest = Digest.parse(Skopeo.push(TestImages.image(tmp.newFolder().toPath(), "authority"), registry, "app:1"));
    }

    /** Adds {@code credentials} to the global store, replacing any with the same id. */
    private static void addCredentials(IdCredentials credentials) throws Exception {
        SystemCredentialsProvider store = SystemCredentialsProvider.getInstance();
        store.getCredentials()
                .removeIf(c -> c instanceof IdCredentials id && id.getId().equals(credentials.getId()));
        store.getCredentials().add(credentials);
        store.save();
    }

    private static UsernamePasswordCredentialsImpl registryLogin(CredentialsScope scope, String id) throws Exception {
        return new UsernamePasswordCredentialsImpl(scope, id, "", "alice", "s3cret");
    }

    private static void registryWithCredentials(String id) {
        RegistryDefinition definition = new RegistryDefinition(registry.host());
        definition.setCredentialsId(id);
        ImageStreamsConfiguration.get().setRegistries(List.of(definition));
    }

    /** {@code app-dev/myapp:latest} configured from the registry, whose login has {@code scope}, and imported now. */
    private static void scheduledImportWithLogin(CredentialsScope scope) throws Exception {
        addCredentials(registryLogin(scope, "registry-login"));
        registryWithCredentials("registry-login");
        TestStreams.configureMyappLatest(registry.reference("app:1"));
        TestStreams.importNow("app-dev", "myapp", "latest");
    }

    private WorkflowJob importer(String name, String extra) throws Exception {
        return TestStreams.pipeline(
                r,
                name,
                "def imported = imageStreamImport name: 'app-dev/built:latest', from: '" + registry.reference("app:1")
                        + "'" + extra + "\necho \"imported=${imported.digest}\"");
    }

    @Test
    public void systemScopedRegistryCredentialsServeScheduledImportsButNoBuild() throws Exception {
        scheduledImportWithLogin(CredentialsScope.SYSTEM);

        assertThat(TestStreams.stored("app-dev", "myapp")
                        .currentImage("latest")
                        .orElseThrow()
                        .image())
                .as("the scheduled identity uses the SYSTEM-scoped credentials")
                .isEqualTo(digest);
        WorkflowJob job = importer("builder", "");
        WorkflowRun refused = r.buildAndAssertStatus(Result.FAILURE, job);
        r.assertLogContains("Import of app-dev/built:latest failed", refused);
        r.assertLogNotContains("s3cret", refused);

        addCredentials(registryLogin(CredentialsScope.GLOBAL, "registry-login"));

        r.assertLogContains("imported=" + digest, r.buildAndAssertSuccess(job));
    }

    @Test
    public void aStepsCredentialsAreLookedUpInTheFolderOfItsJob() throws Exception {
        registryWithCredentials("");
        MockFolder team = r.createFolder("team");
        WorkflowJob inFolder = team.createProject(WorkflowJob.class, "release");
        inFolder.setDefinition(new org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition(
                "def imported = imageStreamImport name: 'app-dev/team:latest', from: '" + registry.reference("app:1")
                        + "', credentialsId: 'team-registry'\necho \"imported=${imported.digest}\"",
                true));

        r.assertLogContains("imported=" + digest, r.buildAndAssertSuccess(inFolder));

        WorkflowRun outside =
                r.buildAndAssertStatus(Result.FAILURE, importer("outsider", ", credentialsId: 'team-registry'"));
        r.assertLogContains("No credentials with ID team-registry are available to this build", outside);
        assertThat(TestStreams.services().service.stream(StreamName.of("app-dev", "built")))
                .as("refused before anything changed")
                .isEmpty();
    }

    /** Credentials of the folder {@code team} only, as a folder's own store holds them. */
    @TestExtension("aStepsCredentialsAreLookedUpInTheFolderOfItsJob")
    public static final class TeamFolderCredentials extends CredentialsProvider {
        @NonNull
        @Override
        public <C extends Credentials> List<C> getCredentialsInItemGroup(
                @NonNull Class<C> type,
                ItemGroup itemGroup,
                Authentication authentication,
                @NonNull List<DomainRequirement> domainRequirements) {
            if (itemGroup instanceof MockFolder folder && folder.getFullName().equals("team")) {
                try {
                    UsernamePasswordCredentialsImpl login = registryLogin(CredentialsScope.GLOBAL, "team-registry");
                    return type.isInstance(login) ? List.of(type.cast(login)) : List.of();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            return List.of();
        }
    }

    @Test
    public void deployFromAStepNeedsATokenTheBuildMayUseOrTheAdministratorsOptIn() throws Exception {
        scheduledImportWithLogin(CredentialsScope.GLOBAL);
        kubernetes
                .client()
                .apps()
                .deployments()
                .inNamespace("prod")
                .resource(TestWorkloads.deployment(
                        "prod",
                        "web",
                        Map.of("app", "web"),
                        TestWorkloads.podSpec(List.of(), List.of(TestWorkloads.container("web", "old:1")))))
                .create();
        addCredentials(new StringCredentialsImpl(
                CredentialsScope.SYSTEM, "cluster-token", "", Secret.fromString("controller-token")));
        KubernetesDefinition cluster = new KubernetesDefinition(kubernetes.url(), "cluster-token", "");
        ImageStreamsConfiguration.get().setKubernetes(cluster);
        String deploy = "imageStreamPromote source: 'app-dev/myapp:latest', target: 'app-prod/myapp:prod',"
                + " deploy: [[kind: 'Deployment', namespace: 'prod', name: 'web', container: 'web']]";

        WorkflowRun refused = r.buildAndAssertStatus(Result.FAILURE, TestStreams.pipeline(r, "deployer", deploy));

        r.assertLogContains("Updating workloads from a step needs kubernetesCredentialsId", refused);
        assertThat(TestWorkloads.deploymentContainers(kubernetes.client(), "prod", "web"))
                .singleElement()
                .satisfies(c -> assertThat(c.getImage()).isEqualTo("old:1"));
        assertThat(TestStreams.services().service.stream(StreamName.of("app-prod", "myapp")))
                .isEmpty();

        WorkflowRun systemToken = r.buildAndAssertStatus(
                Result.FAILURE,
                TestStreams.pipeline(r, "borrower", deploy + ", kubernetesCredentialsId: 'cluster-token'"));
        r.assertLogContains("No secret text credentials with ID cluster-token are available", systemToken);

        addCredentials(new StringCredentialsImpl(
                CredentialsScope.GLOBAL, "build-token", "", Secret.fromString("build-token")));
        WorkflowRun ownToken = r.buildAndAssertSuccess(
                TestStreams.pipeline(r, "own-token", deploy + ", kubernetesCredentialsId: 'build-token'"));
        assertThat(JenkinsRule.getLog(ownToken)).contains("prod/web: UPDATED");
        assertThat(TestWorkloads.deploymentContainers(kubernetes.client(), "prod", "web"))
                .singleElement()
                .satisfies(c -> assertThat(c.getImage()).isEqualTo(registry.reference("app@" + digest)));

        cluster.setStepsMayUse(true);
        ImageStreamsConfiguration.get().setKubernetes(cluster);
        r.buildAndAssertSuccess(TestStreams.pipeline(r, "opted-in", deploy.replace("app-prod", "app-live")));
    }

    @Test
    public void thePoolRunsJenkinsDaemonThreadsNamedForImageStreamsAsSystem() throws Exception {
        CompletableFuture<Thread> thread = new CompletableFuture<>();
        CompletableFuture<Authentication> authentication = new CompletableFuture<>();
        CompletableFuture<ClassLoader> loader = new CompletableFuture<>();

        TestStreams.services().execute(() -> {
            loader.complete(Thread.currentThread().getContextClassLoader());
            authentication.complete(Jenkins.getAuthentication2());
            thread.complete(Thread.currentThread());
        });

        Thread pool = thread.get(30, TimeUnit.SECONDS);
        assertThat(pool.getName()).startsWith(ImageStreamsRuntime.POOL_NAME + " [#");
        assertThat(pool.isDaemon()).isTrue();
        assertThat(loader.get(30, TimeUnit.SECONDS)).isSameAs(ImageStreamsRuntime.class.getClassLoader());
        assertThat(authentication.get(30, TimeUnit.SECONDS)).isEqualTo(hudson.security.ACL.SYSTEM2);
    }
}
