package io.jenkins.plugins.imagestreams.jenkins.steps;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.imagestreams.access.NamespaceAccess.Access;
import io.jenkins.plugins.imagestreams.api.ImportResult;
import io.jenkins.plugins.imagestreams.api.TagException;
import io.jenkins.plugins.imagestreams.jenkins.runtime.ImageStreamsRuntime;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.service.ImportRequest;
import io.jenkins.plugins.imagestreams.stream.TagEvent;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code imageStreamImport name: 'app-dev/myapp:latest', from: 'registry.example.com/app:latest'}: sets the tag's
 * source when {@code from} is given (creating the stream if needed; the tag's other settings stay), imports it now and
 * returns {@code [digest:, reference:, changed:]}. A failed import fails the step with the registry's reason. The
 * registry is contacted with the build's own identity ({@code credentialsId}, or the registry's configured
 * credentials as the build may use them), and {@code from} must name a registry steps may contact.
 */
public final class ImageStreamImportStep extends Step {
    private final String name;
    private String from;
    private String credentialsId;

    @DataBoundConstructor
    public ImageStreamImportStep(String name) {
        this.name = name;
    }

    public String getName() {
        return name;
    }

    public String getFrom() {
        return from;
    }

    @DataBoundSetter
    public void setFrom(String from) {
        this.from = from == null || from.isBlank() ? null : from.strip();
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    /** The registry credentials of this import, as the build may use them; unset for the registry's configured ones. */
    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = credentialsId == null || credentialsId.isBlank() ? null : credentialsId.strip();
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    private static final class Execution extends StreamStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;
        private final transient ImageStreamImportStep step;

        Execution(ImageStreamImportStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        Map<String, Object> run(Run<?, ?> run, TaskListener listener, ImageStreamsRuntime.Services services)
                throws Exception {
            TagSource.ImageStreamTag name = StepSupport.streamTag("name", step.name);
            StepSupport.checkAccess(services, run, name.stream().namespace(), Access.WRITE);
            ImportRequest request = ImportRequest.of(name);
            if (step.from != null) {
                try {
                    ImageReference from = ImageReference.parse(step.from);
                    services.allowedRegistries().check("from", from);
                    request = request.withFrom(from);
                } catch (IllegalArgumentException e) {
                    throw new AbortException(Messages.Steps_Invalid("from", e.getMessage()));
                }
            }
            ImportResult result;
            try (ImageStreamsRuntime.ForBuild build = StepSupport.forBuild(services, run, step.credentialsId)) {
                result = build.service().importTag(request);
            } catch (IllegalArgumentException | TagException e) {
                throw new AbortException(e.getMessage());
            }
            if (result instanceof ImportResult.Failed failed) {
                throw new AbortException(Messages.ImageStreamImportStep_Failed(
                        name, failed.condition().reason(), failed.condition().message()));
            }
            TagEvent current = result instanceof ImportResult.Changed changed
                    ? changed.current()
                    : ((ImportResult.Unchanged) result).current();
            boolean moved = result instanceof ImportResult.Changed;
            listener.getLogger()
                    .println(Messages.ImageStreamImportStep_Imported(
                            name, current.image().shortForm(), moved ? "changed" : "unchanged"));
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("digest", current.image().toString());
            map.put("reference", current.dockerImageReference());
            map.put("changed", moved);
            return map;
        }
    }

    @Extension
    public static final class DescriptorImpl extends StreamStepDescriptor {
        @Override
        public String getFunctionName() {
            return "imageStreamImport";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.ImageStreamImportStep_DisplayName();
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
            return buildCredentials(item, credentialsId, StandardCredentials.class);
        }
    }
}
