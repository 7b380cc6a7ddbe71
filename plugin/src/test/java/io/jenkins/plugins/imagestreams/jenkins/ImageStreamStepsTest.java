package io.jenkins.plugins.imagestreams.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.jenkins.plugins.imagestreams.jenkins.config.ImageStreamsConfiguration;
import io.jenkins.plugins.imagestreams.jenkins.config.TagDefinition;
import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.stream.PromotionRecord;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.testing.RegistryFixture;
import io.jenkins.plugins.imagestreams.testing.Skopeo;
import io.jenkins.plugins.imagestreams.testing.TestImages;
import java.util.List;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.jvnet.hudson.test.JenkinsRule;

public class ImageStreamStepsTest {
    @ClassRule
    public static RegistryFixture registry = RegistryFixture.plain();

    @Rule
    public JenkinsRule r = new JenkinsRule();

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Before
    public void stepsMayNameTheTestRegistry() {
        TestStreams.allowRegistry(registry);
    }

    private Digest pushed(String content) throws Exception {
        return Digest.parse(
                Skopeo.push(TestImages.image(tmp.newFolder().toPath(), content), registry, "app:" + content));
    }

    @Test
    public void importTagResolveAndPromoteInOnePipeline() throws Exception {
        Digest digest = pushed("steps");
        String source = registry.reference("app:steps");
        String copyTo = registry.host() + "/prod/myapp";
        WorkflowJob job = TestStreams.pipeline(
                r,
                "release",
                String.join(
                        "\n",
                        "def imported = imageStreamImport name: 'app-dev/myapp:latest', from: '" + source + "'",
                        "echo \"imported=${imported.digest} changed=${imported.changed}\"",
                        "def tagged = imageStreamTag source: 'app-dev/myapp:latest', target: ['app-qa/myapp:tested', 'app-dev/myapp:v1']",
                        "echo \"tagged=${tagged.digest}\"",
                        "echo \"resolved=${imageStreamResolve 'app-qa/myapp:tested'}\"",
                        "def dry = imageStreamPromote source: 'app-qa/myapp:tested', target: 'app-prod/myapp:prod', dryRun: true",
                        "echo \"dry=${dry.outcome}\"",
                        "def rec = imageStreamPromote stream: 'myapp', from: 'app-qa', to: 'app-prod', tag: 'tested', toTag: 'prod',"
                                + " requireFrom: 'app-dev/myapp:latest', copyTo: '" + copyTo + "'",
                        "echo \"promoted=${rec.outcome} digest=${rec.digest} reference=${rec.reference}\""));

        WorkflowRun run = r.buildAndAssertSuccess(job);

        r.assertLogContains("imported=" + digest + " changed=true", run);
        r.assertLogContains("tagged=" + digest, run);
        r.assertLogContains("resolved=" + registry.reference("app@" + digest), run);
        r.assertLogContains("dry=DRY_RUN", run);
        r.assertLogContains("promoted=PROMOTED digest=" + digest + " reference=" + copyTo + "@" + digest, run);
        assertThat(TestStreams.stored("app-qa", "myapp")
                        .currentImage("tested")
                        .orElseThrow()
                        .image())
                .isEqualTo(digest);
        assertThat(TestStreams.stored("app-dev", "myapp")
                        .currentImage("v1")
                        .orElseThrow()
                        .image())
                .isEqualTo(digest);
        assertThat(TestStreams.stored("app-prod", "myapp").history("prod").promotions())
                .singleElement()
                .satisfies(record -> {
                    assertThat(record.actor()).isEqualTo("release#1");
                    assertThat(record.outcome()).isEqualTo(PromotionRecord.Outcome.PROMOTED);
                    assertThat(record.copied()).isTrue();
                });
        assertThat(Digest.parse(Skopeo.inspectDigest(registry, "prod/myapp:prod")))
                .isEqualTo(digest);
    }

    @Test
    public void promotionGateRefusesAnImageThatWasNeverThereAndChangesNothing() throws Exception {
        pushed("gate");
        WorkflowJob job = TestStreams.pipeline(
                r,
                "release",
                String.join(
                        "\n",
                        "imageStreamImport name: 'app-dev/myapp:latest', from: '" + registry.reference("app:gate")
                                + "'",
                        "imageStreamPromote source: 'app-dev/myapp:latest', target: 'app-prod/myapp:prod',"
                                + " requireFrom: 'app-qa/myapp:tested'"));

        WorkflowRun run = r.buildAndAssertStatus(Result.FAILURE, job);

        r.assertLogContains("refused by gate", run);
        r.assertLogContains("Promote the image into app-qa/myapp:tested first", run);
        assertThat(TestStreams.services().service.stream(StreamName.of("app-prod", "myapp")))
                .isEmpty();
    }

    @Test
    public void accessRuleRefusesAJobNamingTheRuleAndChangesNothing() throws Exception {
        pushed("access");
        ImageStreamsConfiguration.get().setAccessRules(List.of(TestStreams.rule("app-prod", "release/*", "")));
        WorkflowJob job = TestStreams.pipeline(
                r,
                "dev-build",
                String.join(
                        "\n",
                        "imageStreamImport name: 'app-dev/myapp:latest', from: '" + registry.reference("app:access")
                                + "'",
                        "imageStreamTag source: 'app-dev/myapp:latest', target: 'app-prod/myapp:prod'"));

        WorkflowRun run = r.buildAndAssertStatus(Result.FAILURE, job);

        r.assertLogContains("job 'dev-build' may not tag or promote into namespace 'app-prod'", run);
        r.assertLogContains("[release/*]", run);
        assertThat(TestStreams.services().service.stream(StreamName.of("app-prod", "myapp")))
                .isEmpty();
    }

    @Test
    public void aSourceOrCopyTargetOnARegistryNotListedIsRefusedUntilTheAdministratorAllowsAny() throws Exception {
        Digest digest = pushed("listed");
        ImageStreamsConfiguration.get().setRegistries(List.of());
        WorkflowJob job = TestStreams.pipeline(
                r,
                "importer",
                "def imported = imageStreamImport name: 'app-dev/myapp:latest', from: '"
                        + registry.reference("app:listed") + "'\necho \"imported=${imported.digest}\"");

        WorkflowRun refused = r.buildAndAssertStatus(Result.FAILURE, job);

        r.assertLogContains("from names registry '" + registry.host() + "', which steps may not contact", refused);
        assertThat(TestStreams.services().service.stream(StreamName.of("app-dev", "myapp")))
                .isEmpty();
        WorkflowJob copier = TestStreams.pipeline(
                r,
                "copier",
                "imageStreamPromote source: 'app-dev/myapp:latest', target: 'app-prod/myapp:prod', copyTo: '"
                        + registry.host() + "/prod/listed'");
        r.assertLogContains(
                "copyTo names registry '" + registry.host() + "'", r.buildAndAssertStatus(Result.FAILURE, copier));

        ImageStreamsConfiguration.get().setStepsMayNameAnyRegistry(true);

        r.assertLogContains("imported=" + digest, r.buildAndAssertSuccess(job));
    }

    @Test
    public void resolvingATagWithoutImageFailsSayingWhatToDo() throws Exception {
        WorkflowJob job = TestStreams.pipeline(r, "resolve", "imageStreamResolve 'app-dev/nothing:latest'");
        WorkflowRun run = r.buildAndAssertStatus(Result.FAILURE, job);
        r.assertLogContains("No image stream app-dev/nothing", run);
    }

    @Test
    public void taggingIntoAGatedTagIsRefusedLikeAPromotion() throws Exception {
        pushed("tag-gate");
        TagDefinition prod = new TagDefinition("prod");
        prod.setPromotionGate("app-qa/myapp:tested");
        TestStreams.configure(TestStreams.stream("app-prod", "myapp", prod));
        WorkflowJob job = TestStreams.pipeline(
                r,
                "tagger",
                String.join(
                        "\n",
                        "imageStreamImport name: 'app-dev/myapp:latest', from: '" + registry.reference("app:tag-gate")
                                + "'",
                        "imageStreamTag source: 'app-dev/myapp:latest', target: 'app-prod/myapp:prod'"));

        WorkflowRun run = r.buildAndAssertStatus(Result.FAILURE, job);

        r.assertLogContains("refused by gate requireFrom app-qa/myapp:tested", run);
        assertThat(TestStreams.stored("app-prod", "myapp").currentImage("prod")).isEmpty();
    }

    @Test
    public void anAliasMayFollowATagOfAnotherStream() throws Exception {
        Digest digest = pushed("alias");
        WorkflowJob job = TestStreams.pipeline(
                r,
                "aliaser",
                String.join(
                        "\n",
                        "imageStreamImport name: 'app-dev/myapp:latest', from: '" + registry.reference("app:alias")
                                + "'",
                        "imageStreamTag source: 'app-dev/myapp:latest', target: 'app-qa/myapp:current', alias: true"));

        r.buildAndAssertSuccess(job);

        assertThat(TestStreams.stored("app-qa", "myapp")
                        .currentImage("current")
                        .orElseThrow()
                        .image())
                .isEqualTo(digest);
        assertThat(TestStreams.stored("app-qa", "myapp")
                        .specTag("current")
                        .orElseThrow()
                        .alias())
                .isTrue();
    }

    @Test
    public void aWorkloadWithoutItsNameFailsTheStepNamingTheField() throws Exception {
        pushed("workload");
        WorkflowJob job = TestStreams.pipeline(
                r,
                "deployer",
                String.join(
                        "\n",
                        "imageStreamImport name: 'app-dev/myapp:latest', from: '" + registry.reference("app:workload")
                                + "'",
                        "imageStreamPromote source: 'app-dev/myapp:latest', target: 'app-prod/myapp:prod',"
                                + " deploy: [[kind: 'Deployment', namespace: 'prod']]"));

        WorkflowRun run = r.buildAndAssertStatus(Result.FAILURE, job);

        r.assertLogContains("A workload to deploy needs its name", run);
        assertThat(TestStreams.services().service.stream(StreamName.of("app-prod", "myapp")))
                .isEmpty();
    }
}
