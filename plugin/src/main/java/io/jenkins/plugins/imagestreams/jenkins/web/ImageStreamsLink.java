package io.jenkins.plugins.imagestreams.jenkins.web;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.ManagementLink;
import io.jenkins.plugins.imagestreams.jenkins.runtime.ImageStreamsRuntime;
import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import java.util.List;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.StaplerProxy;

/**
 * Manage Jenkins → Image Streams: the stored streams ({@code index.jelly}), a page per stream at {@code
 * stream/<namespace>/<name>/}, and the environments view at {@code environments/}. Administrators only.
 */
@Extension
public final class ImageStreamsLink extends ManagementLink implements StaplerProxy {
    @Override
    public String getIconFileName() {
        return "symbol-cube";
    }

    @Override
    public String getDisplayName() {
        return Messages.ImageStreamsLink_DisplayName();
    }

    @Override
    public String getDescription() {
        return Messages.ImageStreamsLink_Description();
    }

    @Override
    public String getUrlName() {
        return "image-streams";
    }

    @NonNull
    @Override
    public Category getCategory() {
        return Category.CONFIGURATION;
    }

    @Override
    public Object getTarget() {
        Jenkins.get().checkPermission(getRequiredPermission());
        return this;
    }

    /** Every stored stream that can be read, by namespace and name. */
    public List<ImageStream> getStreams() {
        return ImageStreamsRuntime.get()
                .running()
                .map(ImageStreamsRuntime.Services::readableStreams)
                .orElse(List.of());
    }

    /** The stream's own repository, or empty. */
    public String repositoryOf(ImageStream stream) {
        return stream.repository().map(Object::toString).orElse("");
    }

    /** {@code stream/<namespace>/}: the namespace, whose {@code <name>/} is the stream's page. */
    public NamespaceView getStream(String namespace) {
        try {
            StreamName.of(namespace, "x");
        } catch (IllegalArgumentException e) {
            throw HttpResponses.notFound();
        }
        return new NamespaceView(namespace);
    }

    public EnvironmentsView getEnvironments() {
        return new EnvironmentsView(ImageStreamsRuntime.get()
                .running()
                .map(s -> s.service.environments(name -> true, List.of()))
                .orElseGet(() -> new io.jenkins.plugins.imagestreams.service.EnvironmentsView(List.of(), List.of())));
    }
}
