package io.jenkins.plugins.imagestreams.jenkins.config;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import io.jenkins.plugins.imagestreams.stream.SignaturePolicy;
import java.util.Objects;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The signature every image must carry to enter any tag of a namespace's streams (an environment such as
 * {@code app-prod}): one of the public keys, for an identity the rule accepts.
 */
public final class NamespaceSignatureRule implements Describable<NamespaceSignatureRule> {
    private final String namespace;
    private String signatureKeys = "";
    private String signatureIdentity = "";

    @DataBoundConstructor
    public NamespaceSignatureRule(String namespace) {
        this.namespace = Objects.requireNonNullElse(namespace, "").strip();
    }

    public String getNamespace() {
        return namespace;
    }

    /** PEM {@code PUBLIC KEY} blocks; public keys are not secrets. */
    public String getSignatureKeys() {
        return signatureKeys;
    }

    @DataBoundSetter
    public void setSignatureKeys(String signatureKeys) {
        this.signatureKeys = Objects.requireNonNullElse(signatureKeys, "").strip();
    }

    /** {@code matchRepository} (empty) or {@code pattern:GLOB}. */
    public String getSignatureIdentity() {
        return signatureIdentity;
    }

    @DataBoundSetter
    public void setSignatureIdentity(String signatureIdentity) {
        this.signatureIdentity =
                Objects.requireNonNullElse(signatureIdentity, "").strip();
    }

    /**
     * The core policy.
     *
     * @throws IllegalArgumentException naming what is wrong with the keys or the rule (the form refuses those)
     */
    public SignaturePolicy toPolicy() {
        try {
            return SpecMapper.signaturePolicy(signatureKeys, signatureIdentity);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "the signature rule of namespace " + namespace + ": " + e.getMessage(), e);
        }
    }

    @Extension
    public static final class DescriptorImpl extends Descriptor<NamespaceSignatureRule> {
        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.NamespaceSignatureRule_DisplayName();
        }

        @POST
        public FormValidation doCheckNamespace(@QueryParameter String value) {
            return FormChecks.namespace(value);
        }

        @POST
        public FormValidation doCheckSignatureKeys(
                @QueryParameter String value, @QueryParameter String signatureIdentity) {
            return FormChecks.required(value, () -> SpecMapper.signaturePolicy(value, signatureIdentity));
        }
    }
}
