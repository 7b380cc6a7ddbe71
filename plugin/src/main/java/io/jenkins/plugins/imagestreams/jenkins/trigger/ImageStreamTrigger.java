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
import java.io.ObjectStreamException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import jenkins.model.ParameterizedJobMixIn;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Starts one build of the job per new image of the watched stream tags. It has no cron spec and does no work of its
 * own: the importer notices changes, and {@link BuildTriggerListener} finds the jobs watching them.
 */
public final class ImageStreamTrigger extends Trigger<Job<?, ?>> {
    private String tags = "";
    private String stream = "";
    private String tag = "";

    /** Watches nothing until {@link #setTags} or {@link #setStream} names what to watch. */
    @DataBoundConstructor
    public ImageStreamTrigger() {}

    /**
     * @param tags stream tags to watch, {@code [namespace/]stream:tag}, separated by commas, blanks or lines
     */
    public ImageStreamTrigger(String tags) {
        setTags(tags);
    }

    public String getTags() {
        return tags;
    }

    /** Stream tags to watch, {@code [namespace/]stream:tag}, separated by commas, blanks or lines. */
    @DataBoundSetter
    public void setTags(String tags) {
        this.tags = Objects.requireNonNullElse(tags, "").strip();
    }

    public String getStream() {
        return stream;
    }

    /** One stream to watch, {@code [namespace/]stream}, with {@link #setTag}: {@code imageStream(stream: …, tag: …)}. */
    @DataBoundSetter
    public void setStream(String stream) {
        this.stream = Objects.requireNonNullElse(stream, "").strip();
    }

    public String getTag() {
        return tag;
    }

    /** The tag of {@link #getStream()} to watch; {@code latest} when blank. */
    @DataBoundSetter
    public void setTag(String tag) {
        this.tag = Objects.requireNonNullElse(tag, "").strip();
    }

    /** A trigger read from a job's XML lacks the fields its XML lacks; they mean what blank means. */
    @Override
    protected Object readResolve() throws ObjectStreamException {
        setTags(tags);
        setStream(stream);
        setTag(tag);
        return super.readResolve();
    }

    /** Every entry this trigger names: {@link #getTags()}, then {@code stream:tag} when a stream is set. */
    List<String> entries() {
        List<String> entries = new ArrayList<>(split(tags));
        if (!stream.isEmpty()) {
            entries.add(stream + ":" + (tag.isEmpty() ? "latest" : tag));
        }
        return entries;
    }

    /** The watched stream tags; entries that do not parse are left out (the form reports them). */
    public List<TagSource.ImageStreamTag> watched() {
        List<TagSource.ImageStreamTag> watched = new ArrayList<>();
        for (String entry : entries()) {
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
        public FormValidation doCheckTags(
                @AncestorInPath Item item, @QueryParameter String value, @QueryParameter String stream) {
            if (item == null) {
                jenkins.model.Jenkins.get().checkPermission(jenkins.model.Jenkins.ADMINISTER);
            } else {
                item.checkPermission(Item.CONFIGURE);
            }
            List<String> entries = split(Objects.requireNonNullElse(value, ""));
            if (entries.isEmpty() && Objects.requireNonNullElse(stream, "").isBlank()) {
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
