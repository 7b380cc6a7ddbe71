package io.jenkins.plugins.imagestreams.jenkins.config;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import io.jenkins.plugins.imagestreams.access.NamespaceRule;
import java.util.Objects;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** Which jobs may write into a namespace and which may read it; the patterns are core's {@code JobPattern}s. */
public final class NamespaceAccessRule implements Describable<NamespaceAccessRule> {
    private final String namespace;
    private String writers = "";
    private String readers = "";

    @DataBoundConstructor
    public NamespaceAccessRule(String namespace) {
        this.namespace = Objects.requireNonNullElse(namespace, "").strip();
    }

    public String getNamespace() {
        return namespace;
    }

    public String getWriters() {
        return writers;
    }

    /** Job patterns, separated by commas or lines, of the jobs that may tag and promote into the namespace. */
    @DataBoundSetter
    public void setWriters(String writers) {
        this.writers = Objects.requireNonNullElse(writers, "").strip();
    }

    public String getReaders() {
        return readers;
    }

    /** Job patterns of the jobs that may only read the namespace. */
    @DataBoundSetter
    public void setReaders(String readers) {
        this.readers = Objects.requireNonNullElse(readers, "").strip();
    }

    /**
     * The core rule.
     *
     * @throws IllegalArgumentException naming a bad namespace or pattern
     */
    public NamespaceRule toRule() {
        return NamespaceRule.parse(namespace, writers, readers);
    }

    @Extension
    public static final class DescriptorImpl extends Descriptor<NamespaceAccessRule> {
        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.NamespaceAccessRule_DisplayName();
        }

        @POST
        public FormValidation doCheckNamespace(@QueryParameter String value) {
            return FormChecks.namespace(value);
        }

        @POST
        public FormValidation doCheckWriters(@QueryParameter String value) {
            return FormChecks.admin(value, () -> NamespaceRule.patterns(value));
        }

        @POST
        public FormValidation doCheckReaders(@QueryParameter String value) {
            return FormChecks.admin(value, () -> NamespaceRule.patterns(value));
        }
    }
}
