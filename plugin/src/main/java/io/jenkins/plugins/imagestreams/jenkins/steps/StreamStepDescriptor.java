package io.jenkins.plugins.imagestreams.jenkins.steps;

import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;

/** What every Image Streams step needs from the pipeline: the build and its log. */
abstract class StreamStepDescriptor extends StepDescriptor {
    @Override
    public final Set<? extends Class<?>> getRequiredContext() {
        return Set.of(Run.class, TaskListener.class);
    }
}
