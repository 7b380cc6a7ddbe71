package io.jenkins.plugins.imagestreams.jenkins.trigger;

import hudson.Extension;
import hudson.model.CauseAction;
import hudson.model.Job;
import hudson.model.Run;
import hudson.security.ACL;
import hudson.security.ACLContext;
import io.jenkins.plugins.imagestreams.access.NamespaceAccess;
import io.jenkins.plugins.imagestreams.events.ImageChangeListener;
import io.jenkins.plugins.imagestreams.events.ImageChanged;
import io.jenkins.plugins.imagestreams.jenkins.runtime.ImageStreamsRuntime;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import jenkins.model.ParameterizedJobMixIn;

/**
 * Schedules one build of every job whose {@link ImageStreamTrigger} watches the changed stream tag. The dispatcher
 * offers each (stream, tag, digest) once, also across restarts; {@link ImageDigestAction} keeps the queue from
 * merging it with a build for another digest. A job that may not read the stream's namespace is not started.
 *
 * <p>A change offered again ({@link ImageChanged#attempt()} above 1: the delivery before failed, or the process
 * that made it died before recording it) starts no job that already has a build for it among its newest {@link
 * #RECENT_BUILDS}, found by the {@link ImageStreamCause#getDeliveryId() delivery id}; a queued one is merged by
 * {@link ImageDigestAction}.
 */
@Extension
public final class BuildTriggerListener implements ImageChangeListener {
    private static final Logger LOGGER = Logger.getLogger(BuildTriggerListener.class.getName());
    /** How many of a job's newest builds a change offered again is looked for in: it comes within minutes. */
    static final int RECENT_BUILDS = 50;

    @Override
    public String id() {
        return "jenkins-triggers";
    }

    @SuppressWarnings("try") // the ACL context is only closed
    @Override
    public void imageChanged(ImageChanged event) {
        NamespaceAccess access = ImageStreamsRuntime.get()
                .running()
                .map(ImageStreamsRuntime.Services::access)
                .orElse(NamespaceAccess.OPEN);
        try (ACLContext ignored = ACL.as2(ACL.SYSTEM2)) {
            for (Job<?, ?> job : Jenkins.get().allItems(Job.class)) {
                try {
                    offer(job, event, access);
                } catch (RuntimeException e) {
                    // one job's broken trigger must not keep the others from their build, nor have the event
                    // offered again (which would start the jobs already scheduled a second time)
                    LOGGER.log(
                            Level.WARNING,
                            "not starting " + job.getFullName() + " for " + event.streamTag() + ": " + e.getMessage(),
                            e);
                }
            }
        }
    }

    /** Schedules {@code job}'s build for {@code event} if its trigger watches the tag and it may read the namespace. */
    private static void offer(Job<?, ?> job, ImageChanged event, NamespaceAccess access) {
        ImageStreamTrigger trigger = ParameterizedJobMixIn.getTrigger(job, ImageStreamTrigger.class);
        if (trigger == null || !trigger.watches(event.stream(), event.tag())) {
            return;
        }
        NamespaceAccess.Decision decision =
                access.check(job.getFullName(), event.stream().namespace(), NamespaceAccess.Access.READ);
        if (!decision.allowed()) {
            LOGGER.log(Level.WARNING, "not starting {0} for {1}: {2}", new Object[] {
                job.getFullName(), event.streamTag(), decision.reason()
            });
            return;
        }
        if (event.attempt() > 1) {
            Optional<Run<?, ?>> built = buildFor(job, event.deliveryId());
            if (built.isPresent()) {
                LOGGER.log(
                        Level.INFO,
                        "not starting {0} for {1} again: {2} started for it (delivery attempt {3})",
                        new Object[] {
                            job.getFullName(), event.streamTag(), built.get().getFullDisplayName(), event.attempt()
                        });
                return;
            }
        }
        ImageStreamCause cause = ImageStreamCause.of(event);
        if (ParameterizedJobMixIn.scheduleBuild2(job, -1, new CauseAction(cause), new ImageDigestAction(cause))
                == null) {
            LOGGER.log(
                    Level.INFO, "{0} did not accept a build for {1}", new Object[] {job.getFullName(), event.streamTag()
                    });
        }
    }

    /** Among {@code job}'s newest builds, one started for the change {@code deliveryId} names. */
    private static Optional<Run<?, ?>> buildFor(Job<?, ?> job, String deliveryId) {
        for (Run<?, ?> run : job.getBuilds().limit(RECENT_BUILDS)) {
            ImageStreamCause cause = run.getCause(ImageStreamCause.class);
            if (cause != null && deliveryId.equals(cause.getDeliveryId())) {
                return Optional.of(run);
            }
        }
        return Optional.empty();
    }
}
