package io.jenkins.plugins.imagestreams.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.model.Result;
import hudson.util.Secret;
import io.jenkins.plugins.imagestreams.jenkins.config.ImageStreamsConfiguration;
import io.jenkins.plugins.imagestreams.jenkins.config.NamespaceSignatureRule;
import io.jenkins.plugins.imagestreams.registry.model.AttachmentTags;
import io.jenkins.plugins.imagestreams.stream.Evidence;
import io.jenkins.plugins.imagestreams.testing.OpenSsl;
import io.jenkins.plugins.imagestreams.testing.RegistryFixture;
import io.jenkins.plugins.imagestreams.testing.Skopeo;
import io.jenkins.plugins.imagestreams.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * A namespace signature rule keeps unsigned images out of {@code app-prod}; the promote step signs with a key from
 * credentials the build may use, and the image it signed into staging then passes the rule. The key never reaches the
 * build log.
 */
public class SignedPromotionStepTest {
    @ClassRule
    public static RegistryFixture registry = RegistryFixture.plain();

    @Rule
    public JenkinsRule r = new JenkinsRule();

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private String privateKey;

    @Before
    public void keysAndRule() throws Exception {
        TestStreams.allowRegistry(registry);
        OpenSsl openssl = new OpenSsl(tmp.newFolder().toPath());
        Path key = openssl.ecKey("P-256");
        Path pub = openssl.publicKey(key);
        privateKey = Files.readString(key);
        SystemCredentialsProvider store = SystemCredentialsProvider.getInstance();
        store.getCredentials()
                .add(new StringCredentialsImpl(
                        CredentialsScope.GLOBAL, "promotion-key", "", Secret.fromString(privateKey)));
        store.save();
        NamespaceSignatureRule rule = new NamespaceSignatureRule("app-prod");
        rule.setSignatureKeys(Files.readString(pub));
        ImageStreamsConfiguration config = ImageStreamsConfiguration.get();
        config.setSignatureRules(List.of(rule));
        config.save();
    }

    @Test
    public void onlyTheImageThePipelineSignedEntersProd() throws Exception {
        Skopeo.push(TestImages.image(tmp.newFolder().toPath(), "signed step"), registry, "app:signed");
        String importIt =
                "imageStreamImport name: 'app-dev/myapp:latest', from: '" + registry.reference("app:signed") + "'";
        WorkflowJob unsigned = TestStreams.pipeline(
                r,
                "unsigned",
                importIt + "\nimageStreamPromote source: 'app-dev/myapp:latest', target: 'app-prod/myapp:latest'");
        WorkflowRun refused = r.buildAndAssertStatus(Result.FAILURE, unsigned);
        r.assertLogContains("namespace app-prod's requireSignature", refused);

        WorkflowJob release = TestStreams.pipeline(
                r,
                "release",
                String.join(
                        "\n",
                        importIt,
                        "imageStreamPromote source: 'app-dev/myapp:latest', target: 'app-staging/myapp:latest',"
                                + " copyTo: '" + registry.host()
                                + "/staging/myapp', signingCredentialsId: 'promotion-key'",
                        "def rec = imageStreamPromote source: 'app-staging/myapp:latest', target: 'app-prod/myapp:latest'",
                        "echo \"signatures=${rec.signatures.size()}\""));
        WorkflowRun run = r.buildAndAssertSuccess(release);

        r.assertLogContains("written signature by key SHA256:", run);
        r.assertLogContains("signatures=1", run);
        r.assertLogNotContains("PRIVATE KEY", run);
        assertThat(TestStreams.stored("app-prod", "myapp")
                        .currentImage("latest")
                        .orElseThrow()
                        .evidence()
                        .signatures())
                .singleElement()
                .satisfies(s -> {
                    assertThat(s.origin()).isEqualTo(Evidence.Signature.VERIFIED);
                    assertThat(s.identity()).isEqualTo(registry.host() + "/staging/myapp");
                });
    }

    @Test
    public void aCopyCarriesTheSignatureUnlessTheStepSaysNot() throws Exception {
        Skopeo.push(TestImages.image(tmp.newFolder().toPath(), "carried step"), registry, "app:carried");
        WorkflowJob job = TestStreams.pipeline(
                r,
                "carry",
                String.join(
                        "\n",
                        "imageStreamImport name: 'app-dev/myapp:latest', from: '" + registry.reference("app:carried")
                                + "'",
                        "imageStreamPromote source: 'app-dev/myapp:latest', target: 'app-staging/myapp:latest',"
                                + " copyTo: '" + registry.host()
                                + "/staging/myapp', signingCredentialsId: 'promotion-key'",
                        "def alone = imageStreamPromote source: 'app-staging/myapp:latest', target:"
                                + " 'app-qa/myapp:latest', copyTo: '" + registry.host()
                                + "/qa/myapp', carryAttachments: false",
                        "def carried = imageStreamPromote source: 'app-staging/myapp:latest', target:"
                                + " 'app-prod/myapp:latest', copyTo: '" + registry.host() + "/prod/myapp'",
                        "echo \"alone=${alone.carried.size()} carried=${carried.carried.size()}\""));
        WorkflowRun run = r.buildAndAssertSuccess(job);

        r.assertLogContains("alone=0 carried=1", run);
        String signatureTag = AttachmentTags.SIGNATURE.tagFor(TestStreams.stored("app-prod", "myapp")
                .currentImage("latest")
                .orElseThrow()
                .image());
        assertThat(Skopeo.inspectDigest(registry, "prod/myapp:" + signatureTag))
                .isEqualTo(Skopeo.inspectDigest(registry, "staging/myapp:" + signatureTag));
        assertThatThrownBy(() -> Skopeo.inspectDigest(registry, "qa/myapp:" + signatureTag))
                .hasMessageContaining("manifest unknown");
    }
}
