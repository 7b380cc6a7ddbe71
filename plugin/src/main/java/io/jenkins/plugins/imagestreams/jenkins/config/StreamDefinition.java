package io.jenkins.plugins.imagestreams.jenkins.config;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** One configured image stream: its identity, own repository, history limit and spec tags. */
public final class StreamDefinition implements Describable<StreamDefinition> {
    private final String namespace;
    private final String name;
    private String repository = "";
    private int historyLimit;
    private List<TagDefinition> tags = new ArrayList<>();

    @DataBoundConstructor
    public StreamDefinition(String namespace, String name) {
        this.namespace = Objects.requireNonNullElse(namespace, "").strip();
        this.name = Objects.requireNonNullElse(name, "").strip();
    }

    public String getNamespace() {
        return namespace;
    }

    public String getName() {
        return name;
    }

    /** {@code namespace/name}. */
    public String getFullName() {
        return namespace + "/" + name;
    }

    public String getRepository() {
        return repository;
    }

    /** The stream's own repository ({@code registry/path}), where promotions copy to and Local references point. */
    @DataBoundSetter
    public void setRepository(String repository) {
        this.repository = Objects.requireNonNullElse(repository, "").strip();
    }

    public int getHistoryLimit() {
        return historyLimit;
    }

    /** History entries kept per tag; 0 for the global default. */
    @DataBoundSetter
    public void setHistoryLimit(int historyLimit) {
        this.historyLimit = Math.max(0, historyLimit);
    }

    public List<TagDefinition> getTags() {
        return tags;
    }

    @DataBoundSetter
    public void setTags(List<TagDefinition> tags) {
        this.tags = tags == null ? new ArrayList<>() : new ArrayList<>(tags);
    }

    @Extension
    public static final class DescriptorImpl extends Descriptor<StreamDefinition> {
        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.StreamDefinition_DisplayName();
        }

        @POST
        public FormValidation doCheckNamespace(@QueryParameter String value) {
            return FormChecks.namespace(value);
        }

        @POST
        public FormValidation doCheckName(@QueryParameter String value) {
            return FormChecks.required(value, () -> StreamName.of(StreamName.DEFAULT_NAMESPACE, value.strip()));
        }

        @POST
        public FormValidation doCheckRepository(@QueryParameter String value) {
            return FormChecks.admin(value, () -> ImageReference.parse(value.strip()));
        }

        @POST
        public FormValidation doCheckHistoryLimit(@QueryParameter String value) {
            return FormChecks.admin(value, () -> {
                if (Integer.parseInt(value.strip()) < 0) {
                    throw new IllegalArgumentException(Messages.StreamDefinition_HistoryLimitNegative());
                }
            });
        }
    }
}
