package io.jenkins.plugins.imagestreams.jenkins.config;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.imagestreams.jenkins.runtime.ImageStreamsRuntime;
import io.jenkins.plugins.imagestreams.jenkins.runtime.RegistryCredentials;
import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.registry.RegistryClient;
import io.jenkins.plugins.imagestreams.registry.RegistryConfig;
import java.util.Objects;
import java.util.Optional;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** How Image Streams talks to one registry host: credentials, trust, insecure. */
public final class RegistryDefinition implements Describable<RegistryDefinition> {
    private final String host;
    private String credentialsId = "";
    private String caCertificate = "";
    private boolean insecure;

    @DataBoundConstructor
    public RegistryDefinition(String host) {
        this.host = Objects.requireNonNullElse(host, "").strip();
    }

    /** The registry host with port as written in references: {@code registry.example.com}, {@code 127.0.0.1:5000}. */
    public String getHost() {
        return host;
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    /** Username/password or secret text credentials; empty for anonymous access. */
    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = Objects.requireNonNullElse(credentialsId, "").strip();
    }

    public String getCaCertificate() {
        return caCertificate;
    }

    /** PEM certificates trusted for this host instead of the system trust store; empty for system trust. */
    @DataBoundSetter
    public void setCaCertificate(String caCertificate) {
        this.caCertificate = Objects.requireNonNullElse(caCertificate, "").strip();
    }

    public boolean isInsecure() {
        return insecure;
    }

    @DataBoundSetter
    public void setInsecure(boolean insecure) {
        this.insecure = insecure;
    }

    /** The core view of the TLS settings. */
    public RegistryConfig toRegistryConfig() {
        return config(caCertificate, insecure);
    }

    static RegistryConfig config(String caCertificate, boolean insecure) {
        RegistryConfig config = RegistryConfig.defaults().withInsecure(insecure);
        return caCertificate == null || caCertificate.isBlank() ? config : config.withCaCertificatePem(caCertificate);
    }

    @Extension
    public static final class DescriptorImpl extends Descriptor<RegistryDefinition> {
        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.RegistryDefinition_DisplayName();
        }

        @POST
        public FormValidation doCheckHost(@QueryParameter String value) {
            return FormChecks.required(value, () -> checkHost(value.strip()));
        }

        @POST
        public FormValidation doCheckCaCertificate(@QueryParameter String value) {
            return FormChecks.admin(value, () -> {
                if (!value.contains("-----BEGIN CERTIFICATE-----")) {
                    throw new IllegalArgumentException(Messages.RegistryDefinition_NotPem());
                }
            });
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(@QueryParameter String credentialsId) {
            return FormChecks.globalCredentials(
                    credentialsId, StandardUsernamePasswordCredentials.class, StringCredentials.class);
        }

        /** Resolves {@code testImage} on this registry with the chosen credentials and trust: the digest or why not. */
        @POST
        public FormValidation doTestConnection(
                @QueryParameter String host,
                @QueryParameter String credentialsId,
                @QueryParameter String caCertificate,
                @QueryParameter boolean insecure,
                @QueryParameter String testImage) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            if (testImage == null || testImage.isBlank()) {
                return FormValidation.error(Messages.RegistryDefinition_TestImageMissing());
            }
            String id = credentialsId == null ? "" : credentialsId.strip();
            try {
                String registry = checkHost(host == null ? "" : host.strip());
                ImageReference image = ImageReference.parse(registry + "/" + testImage.strip());
                Optional<StandardCredentials> credentials = RegistryCredentials.find(id);
                if (!id.isEmpty() && credentials.isEmpty()) {
                    return FormValidation.error(Messages.RegistryDefinition_CredentialsMissing(id));
                }
                RegistryConfig config = config(caCertificate, insecure);
                try (RegistryClient client = RegistryClient.builder()
                        .credentials(r ->
                                r.equals(registry) ? credentials.map(RegistryCredentials::toCore) : Optional.empty())
                        .registryConfig(r -> r.equals(registry) ? config : RegistryConfig.defaults())
                        .build()) {
                    Digest digest = ImageStreamsRuntime.get()
                            .services()
                            .service
                            .withRegistryClient(client)
                            .digest(image);
                    return FormValidation.ok(Messages.RegistryDefinition_Resolved(image, digest));
                }
            } catch (Exception e) {
                return FormValidation.error(Messages.RegistryDefinition_TestFailed(e.getMessage()));
            }
        }

        /** The host as references write it, or an exception saying what is wrong. */
        static String checkHost(String host) {
            ImageReference probe = ImageReference.parse(host + "/probe");
            if (!probe.registry().equals(host)) {
                throw new IllegalArgumentException(Messages.RegistryDefinition_NotAHost(host));
            }
            return host;
        }
    }
}
