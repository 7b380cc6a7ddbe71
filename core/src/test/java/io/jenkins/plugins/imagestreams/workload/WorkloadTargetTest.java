package io.jenkins.plugins.imagestreams.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.Test;

public class WorkloadTargetTest {

    @Test
    public void nameFormParsesKindNamespaceAndName() {
        WorkloadTarget target = WorkloadTarget.parse("deployment/app-prod/web");

        assertThat(target).isEqualTo(WorkloadTarget.byName(WorkloadKind.DEPLOYMENT, "app-prod", "web"));
        assertThat(target.isSelector()).isFalse();
        assertThat(target.containerName()).isEmpty();
    }

    @Test
    public void containerFollowsTheLastColon() {
        WorkloadTarget target = WorkloadTarget.parse("statefulset/db/postgres-0.main:server");

        assertThat(target.name()).isEqualTo("postgres-0.main");
        assertThat(target.containerName()).contains("server");
    }

    @Test
    public void kindsAreCaseInsensitiveAndAcceptKubectlPluralsAndShortNames() {
        assertThat(WorkloadKind.parse("DaemonSet")).isEqualTo(WorkloadKind.DAEMONSET);
        assertThat(WorkloadKind.parse("CRONJOB")).isEqualTo(WorkloadKind.CRONJOB);
        assertThat(WorkloadKind.parse("deployments")).isEqualTo(WorkloadKind.DEPLOYMENT);
        assertThat(WorkloadKind.parse("sts")).isEqualTo(WorkloadKind.STATEFULSET);
        assertThat(WorkloadKind.parse("cj")).isEqualTo(WorkloadKind.CRONJOB);
    }

    @Test
    public void selectorFormParsesEveryPairIncludingPrefixedKeys() {
        WorkloadTarget target =
                WorkloadTarget.parse("cronjob/app-prod/-l app.kubernetes.io/name=report,tier=batch:worker");

        assertThat(target.isSelector()).isTrue();
        assertThat(target.name()).isNull();
        assertThat(target.selector()).isEqualTo(Map.of("app.kubernetes.io/name", "report", "tier", "batch"));
        assertThat(target.containerName()).contains("worker");
    }

    @Test
    public void selectorWithoutSpaceAfterDashLIsAccepted() {
        assertThat(WorkloadTarget.parse("deployment/ns/-lapp=web").selector()).isEqualTo(Map.of("app", "web"));
    }

    @Test
    public void toStringIsTheCommandLineFormAndParsesBack() {
        for (String text : new String[] {
            "deployment/app-prod/web", "statefulset/db/pg:server", "daemonset/ops/-l app=agent,tier=node:agent"
        }) {
            WorkloadTarget target = WorkloadTarget.parse(text);
            assertThat(target.toString()).isEqualTo(text);
            assertThat(WorkloadTarget.parse(target.toString())).isEqualTo(target);
        }
    }

    @Test
    public void unknownKindNamesTheAcceptedOnes() {
        assertThatThrownBy(() -> WorkloadTarget.parse("pod/app-prod/web"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown workload kind 'pod'")
                .hasMessageContaining("deployment, statefulset, daemonset or cronjob");
    }

    @Test
    public void missingPartsShowTheExpectedForms() {
        assertThatThrownBy(() -> WorkloadTarget.parse("deployment/web"))
                .hasMessageContaining("too few parts")
                .hasMessageContaining("KIND/NAMESPACE/NAME[:CONTAINER]");
        assertThatThrownBy(() -> WorkloadTarget.parse("deployment/app-prod/")).hasMessageContaining("too few parts");
        assertThatThrownBy(() -> WorkloadTarget.parse(" ")).hasMessageContaining("workload target is empty");
    }

    @Test
    public void invalidNamesAreRejectedWithTheRule() {
        assertThatThrownBy(() -> WorkloadTarget.parse("deployment/App_Prod/web"))
                .hasMessageContaining("namespace 'App_Prod'")
                .hasMessageContaining("RFC 1123 label");
        assertThatThrownBy(() -> WorkloadTarget.parse("deployment/app-prod/Web"))
                .hasMessageContaining("Deployment name 'Web'");
        assertThatThrownBy(() -> WorkloadTarget.parse("deployment/app-prod/web:"))
                .hasMessageContaining("container name ''");
        assertThatThrownBy(() -> WorkloadTarget.parse("deployment/app-prod/web:Main"))
                .hasMessageContaining("container name 'Main'");
    }

    @Test
    public void setBasedOrNegatedSelectorsAreRejected() {
        assertThatThrownBy(() -> WorkloadTarget.parse("deployment/ns/-l app!=web"))
                .hasMessageContaining("only equality selectors are supported");
        assertThatThrownBy(() -> WorkloadTarget.parse("deployment/ns/-l app in (web)"))
                .hasMessageContaining("is not key=value");
        assertThatThrownBy(() -> WorkloadTarget.parse("deployment/ns/-l app=web,app=api"))
                .hasMessageContaining("names key 'app' twice");
        assertThatThrownBy(() -> WorkloadTarget.parse("deployment/ns/-l app=-web"))
                .hasMessageContaining("label value '-web'");
        assertThatThrownBy(() -> WorkloadTarget.parse("deployment/ns/-l")).hasMessageContaining("is not key=value");
    }

    @Test
    public void targetNeedsExactlyANameOrASelector() {
        assertThatThrownBy(() -> new WorkloadTarget(WorkloadKind.DEPLOYMENT, "ns", null, Map.of(), null))
                .hasMessageContaining("not neither");
        assertThatThrownBy(() -> new WorkloadTarget(WorkloadKind.DEPLOYMENT, "ns", "web", Map.of("a", "b"), null))
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> WorkloadTarget.bySelector(WorkloadKind.DEPLOYMENT, "ns", Map.of()))
                .hasMessageContaining("label selector is empty");
    }
}
