package io.jenkins.plugins.imagestreams.jenkins.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.imagestreams.access.NamespaceAccess.Access;
import io.jenkins.plugins.imagestreams.api.TagException;
import io.jenkins.plugins.imagestreams.jenkins.runtime.ImageStreamsRuntime;
import io.jenkins.plugins.imagestreams.stream.TagEvent;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.structs.describable.CustomDescribableModel;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code imageStreamTag source: 'app-dev/myapp:latest', target: ['app-dev/myapp:v1', 'app-qa/myapp:latest']}: points
 * each target tag at the source tag's current image (a snapshot by digest), or with {@code alias: true} makes each
 * target follow the source, in the same stream or another one. Returns {@code [digest: …, reference: …]}.
 */
public final class ImageStreamTagStep extends Step {
    private final String source;
    private final String target;
    private boolean alias;

    /**
     * @param target one stream tag, several separated by commas, or (in Pipeline) a list of them
     */
    @DataBoundConstructor
    public ImageStreamTagStep(String source, String target) {
        this.source = source;
        this.target = target == null ? "" : target.strip();
    }

    public String getSource() {
        return source;
    }

    public String getTarget() {
        return target;
    }

    /** The target stream tags, split at commas and blanks. */
    List<String> targets() {
        List<String> targets = new ArrayList<>();
        for (String part : target.split("[,\\s]+")) {
            if (!part.isEmpty()) {
                targets.add(part);
            }
        }
        return targets;
    }

    public boolean isAlias() {
        return alias;
    }

    @DataBoundSetter
    public void setAlias(boolean alias) {
        this.alias = alias;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    private static final class Execution extends StreamStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;
        private final transient ImageStreamTagStep step;

        Execution(ImageStreamTagStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        Map<String, Object> run(Run<?, ?> run, TaskListener listener, ImageStreamsRuntime.Services services)
                throws Exception {
            TagSource.ImageStreamTag from = StepSupport.streamTag("source", step.source);
            if (step.targets().isEmpty()) {
                throw new AbortException(Messages.Steps_Missing("target"));
            }
            List<TagSource.ImageStreamTag> targets = new ArrayList<>();
            for (String t : step.targets()) {
                targets.add(StepSupport.streamTag("target", t));
            }
            StepSupport.checkAccess(services, run, from.stream().namespace(), Access.READ);
            for (TagSource.ImageStreamTag to : targets) {
                StepSupport.checkAccess(services, run, to.stream().namespace(), Access.WRITE);
            }
            TagEvent current = StepSupport.load(services, from.stream())
                    .currentImage(from.tag())
                    .orElseThrow(() -> new AbortException(Messages.Steps_NoImage(from)));
            try {
                for (TagSource.ImageStreamTag to : targets) {
                    if (step.alias) {
                        services.service.alias(from, to);
                    } else {
                        current = services.service.tag(from, to, StepSupport.cause("tagged", run));
                    }
                    listener.getLogger()
                            .println(Messages.ImageStreamTagStep_Tagged(
                                    to, current.image().shortForm(), step.alias ? " (alias)" : ""));
                }
            } catch (TagException e) {
                throw new AbortException(e.getMessage());
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("digest", current.image().toString());
            result.put("reference", current.dockerImageReference());
            return result;
        }
    }

    @Extension
    public static final class DescriptorImpl extends StreamStepDescriptor implements CustomDescribableModel {
        @Override
        public String getFunctionName() {
            return "imageStreamTag";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.ImageStreamTagStep_DisplayName();
        }

        /** Accepts {@code target} as a list of stream tags as well as a string. */
        @NonNull
        @Override
        public Map<String, Object> customInstantiate(@NonNull Map<String, Object> arguments) {
            Object target = arguments.get("target");
            if (target instanceof List<?> list) {
                Map<String, Object> copy = new LinkedHashMap<>(arguments);
                copy.put(
                        "target",
                        String.join(", ", list.stream().map(String::valueOf).toList()));
                return copy;
            }
            return arguments;
        }
    }
}
