package io.jenkins.plugins.imagestreams.jenkins.config;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.imagestreams.policy.TagPolicy;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.TagNames;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import java.util.Objects;
import java.util.stream.Collectors;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** One spec tag of a configured stream, as the form and Configuration as Code write it. */
public final class TagDefinition implements Describable<TagDefinition> {
    private final String name;
    private String sourceKind = "DockerImage";
    private String source = "";
    private boolean alias;
    private boolean reference;
    private boolean scheduled;
    private boolean insecure;
    private String importMode = "PreserveOriginal";
    private String referencePolicy = "Source";
    private String tagPolicyType = "";
    private String tagPolicyValue = "";
    private boolean includePrereleases;
    private String promotionGate = "";
    private String workloads = "";
    private String minimumAge = "";
    private String signatureKeys = "";
    private String signatureIdentity = "";

    @DataBoundConstructor
    public TagDefinition(String name) {
        this.name = Objects.requireNonNullElse(name, "").strip();
    }

    public String getName() {
        return name;
    }

    public String getSourceKind() {
        return sourceKind;
    }

    /** {@code DockerImage} (a registry reference), {@code ImageStreamTag}, {@code ImageStreamImage}, or empty. */
    @DataBoundSetter
    public void setSourceKind(String sourceKind) {
        this.sourceKind = Objects.requireNonNullElse(sourceKind, "");
    }

    public String getSource() {
        return source;
    }

    @DataBoundSetter
    public void setSource(String source) {
        this.source = Objects.requireNonNullElse(source, "").strip();
    }

    public boolean isAlias() {
        return alias;
    }

    @DataBoundSetter
    public void setAlias(boolean alias) {
        this.alias = alias;
    }

    public boolean isReference() {
        return reference;
    }

    @DataBoundSetter
    public void setReference(boolean reference) {
        this.reference = reference;
    }

    public boolean isScheduled() {
        return scheduled;
    }

    @DataBoundSetter
    public void setScheduled(boolean scheduled) {
        this.scheduled = scheduled;
    }

    public boolean isInsecure() {
        return insecure;
    }

    @DataBoundSetter
    public void setInsecure(boolean insecure) {
        this.insecure = insecure;
    }

    public String getImportMode() {
        return importMode;
    }

    @DataBoundSetter
    public void setImportMode(String importMode) {
        this.importMode = Objects.requireNonNullElse(importMode, "PreserveOriginal");
    }

    public String getReferencePolicy() {
        return referencePolicy;
    }

    @DataBoundSetter
    public void setReferencePolicy(String referencePolicy) {
        this.referencePolicy = Objects.requireNonNullElse(referencePolicy, "Source");
    }

    public String getTagPolicyType() {
        return tagPolicyType;
    }

    @DataBoundSetter
    public void setTagPolicyType(String tagPolicyType) {
        this.tagPolicyType = Objects.requireNonNullElse(tagPolicyType, "");
    }

    public String getTagPolicyValue() {
        return tagPolicyValue;
    }

    @DataBoundSetter
    public void setTagPolicyValue(String tagPolicyValue) {
        this.tagPolicyValue = Objects.requireNonNullElse(tagPolicyValue, "");
    }

    public boolean isIncludePrereleases() {
        return includePrereleases;
    }

    @DataBoundSetter
    public void setIncludePrereleases(boolean includePrereleases) {
        this.includePrereleases = includePrereleases;
    }

    /** {@code [namespace/]stream:tag} whose history must hold an image before it may be promoted into this tag. */
    public String getPromotionGate() {
        return promotionGate;
    }

    @DataBoundSetter
    public void setPromotionGate(String promotionGate) {
        this.promotionGate = Objects.requireNonNullElse(promotionGate, "").strip();
    }

    /** Workload targets kept in step with this tag, one {@code KIND/NAMESPACE/NAME[:CONTAINER]} per line. */
    public String getWorkloads() {
        return workloads;
    }

    @DataBoundSetter
    public void setWorkloads(String workloads) {
        // one target per line, however the browser ended the lines
        this.workloads = Objects.requireNonNullElse(workloads, "")
                .lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .collect(Collectors.joining("\n"));
    }

    /** A soak time ({@code 1d}, {@code 90m}, {@code PT24H}) in the upstream tag before an image may enter; empty none. */
    public String getMinimumAge() {
        return minimumAge;
    }

    @DataBoundSetter
    public void setMinimumAge(String minimumAge) {
        this.minimumAge = Objects.requireNonNullElse(minimumAge, "").strip();
    }

    /** PEM public keys, one of which must have signed an image before it may enter this tag; empty for none. */
    public String getSignatureKeys() {
        return signatureKeys;
    }

    @DataBoundSetter
    public void setSignatureKeys(String signatureKeys) {
        this.signatureKeys = Objects.requireNonNullElse(signatureKeys, "").strip();
    }

    /** Whose signed reference counts: {@code matchRepository} (empty) or {@code pattern:GLOB}. */
    public String getSignatureIdentity() {
        return signatureIdentity;
    }

    @DataBoundSetter
    public void setSignatureIdentity(String signatureIdentity) {
        this.signatureIdentity =
                Objects.requireNonNullElse(signatureIdentity, "").strip();
    }

    @Extension
    public static final class DescriptorImpl extends Descriptor<TagDefinition> {
        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.TagDefinition_DisplayName();
        }

        @POST
        public FormValidation doCheckName(@QueryParameter String value) {
            return FormChecks.required(value, () -> TagNames.require(value));
        }

        @POST
        public FormValidation doCheckSource(@QueryParameter String value, @QueryParameter String sourceKind) {
            return FormChecks.admin(value, () -> SpecMapper.source(sourceKind, value, StreamName.DEFAULT_NAMESPACE));
        }

        @POST
        public FormValidation doCheckTagPolicyValue(
                @QueryParameter String value,
                @QueryParameter String tagPolicyType,
                @QueryParameter boolean includePrereleases) {
            return FormChecks.admin(tagPolicyType, () -> TagPolicy.of(tagPolicyType, value, includePrereleases));
        }

        @POST
        public FormValidation doCheckPromotionGate(@QueryParameter String value) {
            return FormChecks.admin(
                    value, () -> TagSource.ImageStreamTag.parse(value.strip(), StreamName.DEFAULT_NAMESPACE));
        }

        @POST
        public FormValidation doCheckMinimumAge(@QueryParameter String value) {
            return FormChecks.admin(value, () -> SpecMapper.minimumAge(value));
        }

        @POST
        public FormValidation doCheckSignatureKeys(
                @QueryParameter String value, @QueryParameter String signatureIdentity) {
            return FormChecks.admin(value, () -> SpecMapper.signaturePolicy(value, signatureIdentity));
        }

        @POST
        public FormValidation doCheckWorkloads(@QueryParameter String value) {
            return FormChecks.admin(value, () -> SpecMapper.workloads(value));
        }

        public ListBoxModel doFillSourceKindItems() {
            ListBoxModel items = new ListBoxModel();
            items.add(Messages.TagDefinition_SourceKind_DockerImage(), "DockerImage");
            items.add(Messages.TagDefinition_SourceKind_ImageStreamTag(), "ImageStreamTag");
            items.add(Messages.TagDefinition_SourceKind_ImageStreamImage(), "ImageStreamImage");
            items.add(Messages.TagDefinition_SourceKind_None(), "");
            return items;
        }

        public ListBoxModel doFillImportModeItems() {
            ListBoxModel items = new ListBoxModel();
            items.add(Messages.TagDefinition_ImportMode_PreserveOriginal(), "PreserveOriginal");
            items.add(Messages.TagDefinition_ImportMode_Legacy(), "Legacy");
            return items;
        }

        public ListBoxModel doFillReferencePolicyItems() {
            ListBoxModel items = new ListBoxModel();
            items.add(Messages.TagDefinition_ReferencePolicy_Source(), "Source");
            items.add(Messages.TagDefinition_ReferencePolicy_Local(), "Local");
            return items;
        }

        public ListBoxModel doFillTagPolicyTypeItems() {
            ListBoxModel items = new ListBoxModel();
            items.add(Messages.TagDefinition_TagPolicy_None(), "");
            items.add("semver", "semver");
            items.add("regex", "regex");
            items.add("alphabetical", "alphabetical");
            items.add("numeric", "numeric");
            return items;
        }
    }
}
