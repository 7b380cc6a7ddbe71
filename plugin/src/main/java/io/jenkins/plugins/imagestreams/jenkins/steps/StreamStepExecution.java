package io.jenkins.plugins.imagestreams.jenkins.steps;

import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.imagestreams.jenkins.runtime.ImageStreamsRuntime;
import java.util.Objects;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * How every Image Streams step runs: once, off the pipeline's thread, with the build, its log and the running
 * services; a step whose services are not running aborts saying so.
 */
abstract class StreamStepExecution<T> extends SynchronousNonBlockingStepExecution<T> {
    private static final long serialVersionUID = 1L;

    StreamStepExecution(StepContext context) {
        super(context);
    }

    @Override
    protected final T run() throws Exception {
        Run<?, ?> run = Objects.requireNonNull(getContext().get(Run.class));
        TaskListener listener = Objects.requireNonNull(getContext().get(TaskListener.class));
        return run(run, listener, StepSupport.services());
    }

    /** The step's work, for {@code run}, logging to {@code listener}. */
    abstract T run(Run<?, ?> run, TaskListener listener, ImageStreamsRuntime.Services services) throws Exception;
}
