package io.jenkins.plugins.imagestreams.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagestreams.jenkins.steps.DeployTarget;
import io.jenkins.plugins.imagestreams.jenkins.steps.ImageStreamImportStep;
import io.jenkins.plugins.imagestreams.jenkins.steps.ImageStreamPromoteStep;
import io.jenkins.plugins.imagestreams.jenkins.steps.ImageStreamResolveStep;
import io.jenkins.plugins.imagestreams.jenkins.steps.ImageStreamTagStep;
import io.jenkins.plugins.imagestreams.jenkins.trigger.ImageStreamTrigger;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.SnippetizerTester;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;

/** Each step survives its configuration form and the snippet generator; the trigger survives the job form. */
public class StepRoundTripTest {
    @Rule
    public JenkinsRule r = new JenkinsRule();

    @Test
    public void importStepWithSourceRoundTrips() throws Exception {
        ImageStreamImportStep step = new ImageStreamImportStep("app-dev/myapp:latest");
        step.setFrom("registry.example.com/team/app:1.0.0");

        assertSurvivesForm(step);
        new SnippetizerTester(r)
                .assertRoundTrip(
                        step,
                        "imageStreamImport from: 'registry.example.com/team/app:1.0.0', name: 'app-dev/myapp:latest'");
    }

    @Test
    public void importStepWithNameOnlyIsWrittenWithoutArgumentName() throws Exception {
        new SnippetizerTester(r)
                .assertRoundTrip(
                        new ImageStreamImportStep("app-dev/myapp:latest"), "imageStreamImport 'app-dev/myapp:latest'");
    }

    @Test
    public void resolveStepRoundTrips() throws Exception {
        ImageStreamResolveStep step = new ImageStreamResolveStep("app-dev/myapp:latest");

        assertSurvivesForm(step);
        new SnippetizerTester(r).assertRoundTrip(step, "imageStreamResolve 'app-dev/myapp:latest'");
    }

    @Test
    public void aliasTagStepRoundTrips() throws Exception {
        ImageStreamTagStep step = new ImageStreamTagStep("app-dev/myapp:latest", "app-dev/myapp:stable");
        step.setAlias(true);

        assertSurvivesForm(step);
        new SnippetizerTester(r)
                .assertRoundTrip(
                        step,
                        "imageStreamTag alias: true, source: 'app-dev/myapp:latest', target: 'app-dev/myapp:stable'");
    }

    @Test
    public void promoteStepWithEveryOptionRoundTrips() throws Exception {
        DeployTarget web = new DeployTarget("deployment", "app-prod", "web");
        web.setContainer("server");
        ImageStreamPromoteStep step = new ImageStreamPromoteStep();
        step.setSource("app-dev/myapp:latest");
        step.setTarget("app-prod/myapp:prod");
        step.setRequireFrom("app-qa/myapp:tested");
        step.setCopyTo("registry.example.com/prod/myapp");
        step.setCarryAttachments(false);
        step.setDeploy(List.of(web));
        step.setWaitForRollout(true);
        step.setRolloutTimeoutSeconds(120);
        step.setKubernetesCredentialsId("k8s-token");
        step.setServerUrl("https://kubernetes.example.com:6443");
        step.setDryRun(true);

        assertSurvivesForm(step);
        new SnippetizerTester(r)
                .assertRoundTrip(
                        step,
                        "imageStreamPromote carryAttachments: false, copyTo: 'registry.example.com/prod/myapp',"
                                + " deploy: [[container: 'server',"
                                + " kind: 'deployment', name: 'web', namespace: 'app-prod']], dryRun: true,"
                                + " kubernetesCredentialsId: 'k8s-token', requireFrom: 'app-qa/myapp:tested',"
                                + " rolloutTimeoutSeconds: 120, serverUrl: 'https://kubernetes.example.com:6443',"
                                + " source: 'app-dev/myapp:latest', target: 'app-prod/myapp:prod', waitForRollout: true");
    }

    @Test
    public void promoteStepInStreamFormLeavesDefaultsOut() throws Exception {
        ImageStreamPromoteStep step = new ImageStreamPromoteStep();
        step.setStream("myapp");
        step.setFrom("app-dev");
        step.setTo("app-prod");
        step.setTag("latest");
        step.setToTag("prod");

        assertSurvivesForm(step);
        new SnippetizerTester(r)
                .assertRoundTrip(
                        step,
                        "imageStreamPromote from: 'app-dev', stream: 'myapp', tag: 'latest', to: 'app-prod',"
                                + " toTag: 'prod'");
    }

    @Test
    public void anEmptyRolloutTimeoutFromTheFormIsTheDefaultAndLeftOutOfTheSnippet() throws Exception {
        ImageStreamPromoteStep step = new ImageStreamPromoteStep();
        step.setSource("app-dev/myapp:latest");
        step.setTarget("app-prod/myapp:prod");
        step.setRolloutTimeoutSeconds(0);

        assertThat(step.getRolloutTimeoutSeconds()).isEqualTo(300);
        new SnippetizerTester(r)
                .assertRoundTrip(
                        step, "imageStreamPromote source: 'app-dev/myapp:latest', target: 'app-prod/myapp:prod'");
    }

    @Test
    public void triggerSurvivesTheJobForm() throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, "deploy-dev");
        job.addTrigger(new ImageStreamTrigger("app-dev/myapp:latest\napp-qa/myapp:tested"));

        r.configRoundtrip(job);

        ImageStreamTrigger after = job.getTriggers().values().stream()
                .filter(ImageStreamTrigger.class::isInstance)
                .map(ImageStreamTrigger.class::cast)
                .findFirst()
                .orElseThrow();
        assertThat(after.watched())
                .extracting(Object::toString)
                .containsExactly("app-dev/myapp:latest", "app-qa/myapp:tested");
    }

    private void assertSurvivesForm(Step step) throws Exception {
        Step after = new StepConfigTester(r).configRoundTrip(step);
        r.assertEqualDataBoundBeans(step, after);
    }
}
