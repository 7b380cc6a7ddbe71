package io.jenkins.plugins.imagestreams.jenkins.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.imagestreams.access.NamespaceAccess.Access;
import io.jenkins.plugins.imagestreams.jenkins.runtime.ImageStreamsRuntime;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * {@code imageStreamResolve 'app-prod/myapp:prod'}: the pinned pull spec consumers of the tag get ({@code
 * registry/repository@sha256:…}), by the tag's reference policy. No registry call: it reads the stream.
 */
public final class ImageStreamResolveStep extends Step {
    private final String name;

    @DataBoundConstructor
    public ImageStreamResolveStep(String name) {
        this.name = name;
    }

    public String getName() {
        return name;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    private static final class Execution extends StreamStepExecution<String> {
        private static final long serialVersionUID = 1L;
        private final transient ImageStreamResolveStep step;

        Execution(ImageStreamResolveStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        String run(Run<?, ?> run, TaskListener listener, ImageStreamsRuntime.Services services) throws Exception {
            TagSource.ImageStreamTag name = StepSupport.streamTag("name", step.name);
            StepSupport.checkAccess(services, run, name.stream().namespace(), Access.READ);
            String pinned = StepSupport.load(services, name.stream())
                    .pullSpec(name.tag())
                    .orElseThrow(() -> new AbortException(Messages.Steps_NoImage(name)));

            listener.getLogger().println(Messages.ImageStreamResolveStep_Resolved(name, pinned));
            return pinned;
        }
    }

    @Extension
    public static final class DescriptorImpl extends StreamStepDescriptor {
        @Override
        public String getFunctionName() {
            return "imageStreamResolve";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.ImageStreamResolveStep_DisplayName();
        }
    }
}
