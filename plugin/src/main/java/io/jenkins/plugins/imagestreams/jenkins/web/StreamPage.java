package io.jenkins.plugins.imagestreams.jenkins.web;

import hudson.model.ModelObject;
import io.jenkins.plugins.imagestreams.jenkins.runtime.ImageStreamsRuntime;
import io.jenkins.plugins.imagestreams.service.ImportRequest;
import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.PromotionRecord;
import io.jenkins.plugins.imagestreams.stream.TagCondition;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import io.jenkins.plugins.imagestreams.stream.TagSpec;
import java.time.Instant;
import java.util.List;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.verb.POST;

/** One stream: per tag its source, history newest first, conditions and promotions; "Import now". */
public final class StreamPage implements ModelObject {
    private final ImageStream stream;

    StreamPage(ImageStream stream) {
        this.stream = stream;
    }

    @Override
    public String getDisplayName() {
        return stream.name().toString();
    }

    public String getRepository() {
        return stream.repository().map(Object::toString).orElse("");
    }

    public long getGeneration() {
        return stream.generation();
    }

    public List<TagView> getTags() {
        Instant now = Instant.now();
        return stream.tagNames().stream().map(t -> new TagView(stream, t, now)).toList();
    }

    /** Imports every importable tag now on the image streams pool, ahead of the schedule; back to this page. */
    @POST
    public HttpResponse doImportNow() {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        ImageStreamsRuntime.Services services = ImageStreamsRuntime.get().services();
        for (TagSpec spec : stream.spec().tags()) {
            if (spec.isImportable()) {
                TagSource.ImageStreamTag tag = new TagSource.ImageStreamTag(stream.name(), spec.name());
                services.execute(() -> services.service.importTag(ImportRequest.of(tag)));
            }
        }
        return HttpResponses.redirectToDot();
    }

    /** One tag of the page. */
    public static final class TagView {
        private final ImageStream stream;
        private final String tag;
        private final Instant now;

        TagView(ImageStream stream, String tag, Instant now) {
            this.stream = stream;
            this.tag = tag;
            this.now = now;
        }

        public String getName() {
            return tag;
        }

        /** The spec source as OpenShift writes it ({@code DockerImage registry/repo:tag}), or empty. */
        public String getSource() {
            return stream.specTag(tag)
                    .flatMap(TagSpec::from)
                    .map(f -> f.kind() + " " + (f.namespace().isEmpty() ? "" : f.namespace() + "/") + f.name())
                    .orElse("");
        }

        public boolean isAlias() {
            return stream.specTag(tag).map(TagSpec::alias).orElse(false);
        }

        public String getPullSpec() {
            return stream.pullSpec(tag).orElse("");
        }

        public List<HistoryRow> getHistory() {
            return stream.history(tag).items().stream()
                    .map(e -> new HistoryRow(e, now))
                    .toList();
        }

        /** The promotions into this tag, newest first, as core records them. */
        public List<PromotionRecord> getPromotions() {
            return stream.history(tag).promotions();
        }

        public List<TagCondition> getConditions() {
            return stream.history(tag).conditions();
        }

        /** The tag's gates as a person reads them ({@code requireFrom app-qa/app:tested, minimumAge 1d}); or empty. */
        public String getGates() {
            return stream.specTag(tag)
                    .filter(TagSpec::hasGates)
                    .map(TagSpec::describeGates)
                    .orElse("");
        }

        /** What a promotion verified, wrote and carried, a line each. */
        public List<String> evidence(PromotionRecord record) {
            return HistoryRow.lines(record.evidence());
        }
    }
}
