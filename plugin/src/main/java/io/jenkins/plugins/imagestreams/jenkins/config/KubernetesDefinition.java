package io.jenkins.plugins.imagestreams.jenkins.config;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.imagestreams.jenkins.runtime.KubernetesConnections;
import io.jenkins.plugins.imagestreams.service.ClusterAccess;
import io.jenkins.plugins.imagestreams.service.ImageStreamService;
import java.util.Objects;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The cluster whose workloads tags keep in step ({@code workloads} of a tag): an API server with a secret text token
 * and its CA, or, with all fields empty, the controller's kubeconfig. Pipeline steps use it only when the
 * administrator says so ({@link #isStepsMayUse()}); otherwise a step brings a token of its own.
 */
public final class KubernetesDefinition implements Describable<KubernetesDefinition> {
    private final String serverUrl;
    private final String credentialsId;
    private final String caCertificate;
    private boolean stepsMayUse;

    @DataBoundConstructor
    public KubernetesDefinition(String serverUrl, String credentialsId, String caCertificate) {
        this.serverUrl = Objects.requireNonNullElse(serverUrl, "").strip();
        this.credentialsId = Objects.requireNonNullElse(credentialsId, "").strip();
        this.caCertificate = Objects.requireNonNullElse(caCertificate, "").strip();
    }

    /** The API server, {@code https://host:port}; empty for the controller's kubeconfig. */
    public String getServerUrl() {
        return serverUrl;
    }

    /** Secret text credentials holding the bearer token; empty for the controller's kubeconfig. */
    public String getCredentialsId() {
        return credentialsId;
    }

    /** PEM of the API server's CA; empty for the JVM trust store. */
    public String getCaCertificate() {
        return caCertificate;
    }

    /** Whether pipeline steps without credentials of their own may update workloads with this access. */
    public boolean isStepsMayUse() {
        return stepsMayUse;
    }

    @DataBoundSetter
    public void setStepsMayUse(boolean stepsMayUse) {
        this.stepsMayUse = stepsMayUse;
    }

    /**
     * The access these settings give, the token read from the global credentials store now.
     *
     * @throws IllegalArgumentException saying which setting is missing or wrong
     */
    public ClusterAccess toAccess() {
        return KubernetesConnections.global(serverUrl, credentialsId, caCertificate);
    }

    @Extension
    public static final class DescriptorImpl extends Descriptor<KubernetesDefinition> {
        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.KubernetesDefinition_DisplayName();
        }

        /** The three fields together: what a connection would refuse, without contacting the server. */
        @POST
        public FormValidation doCheckServerUrl(
                @QueryParameter String value,
                @QueryParameter String credentialsId,
                @QueryParameter String caCertificate) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return FormChecks.run(
                    () -> ImageStreamService.check(KubernetesConnections.global(value, credentialsId, caCertificate)));
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(@QueryParameter String credentialsId) {
            return FormChecks.globalCredentials(credentialsId, StringCredentials.class);
        }
    }
}
