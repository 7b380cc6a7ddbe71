package io.jenkins.plugins.imagestreams.jenkins.trigger;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Item;
import hudson.model.Job;
import hudson.triggers.Trigger;
import hudson.triggers.TriggerDescriptor;
import hudson.util.FormValidation;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import jenkins.model.ParameterizedJobMixIn;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Starts one build of the job per new image of the watched stream tags. It has no cron spec and does no work of its
 * own: the importer notices changes, and {@link BuildTriggerListener} finds the jobs watching them.
 */
public final class ImageStreamTrigger extends Trigger<Job<?, ?>> {
    private final String tags;

    /**
     * @param tags stream tags to watch, {@code [namespace/]stream:tag}, separated by commas, blanks or lines
     */
    @DataBoundConstructor
    public ImageStreamTrigger(String tags) {
        this.tags = Objects.requireNonNullElse(tags, "").strip();
    }

    public String getTags() {
        return tags;
    }

    /** The watched stream tags; entries that do not parse are left out (the form reports them). */
    public List<TagSource.ImageStreamTag> watched() {
        List<TagSource.ImageStreamTag> watched = new ArrayList<>();
        for (String entry : split(tags)) {
            try {
                watched.add(TagSource.ImageStreamTag.parse(entry, StreamName.DEFAULT_NAMESPACE));
            } catch (IllegalArgumentException e) {
                // reported by doCheckTags
            }
        }
        return watched;
    }

    /** Whether this trigger watches {@code tag} of {@code stream}. */
    public boolean watches(StreamName stream, String tag) {
        return watched().stream()
                .anyMatch(w -> w.stream().equals(stream) && w.tag().equals(tag));
    }

    static List<String> split(String text) {
        List<String> parts = new ArrayList<>();
        for (String part : text.split("[,\\s]+")) {
            if (!part.isEmpty()) {
                parts.add(part);
            }
        }
        return parts;
    }

    @Extension
    @Symbol("imageStream")
    public static final class DescriptorImpl extends TriggerDescriptor {
        @Override
        public boolean isApplicable(Item item) {
            return item instanceof ParameterizedJobMixIn.ParameterizedJob;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.ImageStreamTrigger_DisplayName();
        }

        @POST
        public FormValidation doCheckTags(@AncestorInPath Item item, @QueryParameter String value) {
            if (item == null) {
                jenkins.model.Jenkins.get().checkPermission(jenkins.model.Jenkins.ADMINISTER);
            } else {
                item.checkPermission(Item.CONFIGURE);
            }
            List<String> entries = split(Objects.requireNonNullElse(value, ""));
            if (entries.isEmpty()) {
                return FormValidation.error(Messages.ImageStreamTrigger_NoTags());
            }
            for (String entry : entries) {
                try {
                    TagSource.ImageStreamTag.parse(entry, StreamName.DEFAULT_NAMESPACE);
                } catch (IllegalArgumentException e) {
                    return FormValidation.error(e.getMessage());
                }
            }
            return FormValidation.ok();
        }
    }
}
