package io.jenkins.plugins.imagestreams.jenkins.trigger;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.model.Action;
import hudson.model.EnvironmentContributingAction;
import hudson.model.InvisibleAction;
import hudson.model.Queue;
import hudson.model.Run;
import java.util.List;

/**
 * Rides with a build started for a new image: keeps two digests of one tag from merging into one queued build, and
 * gives the build {@code IMAGE_STREAM}, {@code IMAGE_STREAM_TAG}, {@code IMAGE_DIGEST}, {@code IMAGE_REFERENCE},
 * {@code IMAGE_PREVIOUS_DIGEST} (empty for a tag's first image) and {@code IMAGE_DELIVERY_ID} (one per change).
 */
public final class ImageDigestAction extends InvisibleAction
        implements Queue.QueueAction, EnvironmentContributingAction {
    private final ImageStreamCause cause;

    public ImageDigestAction(ImageStreamCause cause) {
        this.cause = cause;
    }

    public ImageStreamCause getCause() {
        return cause;
    }

    /** A new item unless one for the same stream tag and digest is queued already. */
    @Override
    public boolean shouldSchedule(List<Action> actions) {
        return actions.stream()
                .noneMatch(a -> a instanceof ImageDigestAction other
                        && other.cause.getStream().equals(cause.getStream())
                        && other.cause.getTag().equals(cause.getTag())
                        && other.cause.getDigest().equals(cause.getDigest()));
    }

    @Override
    public void buildEnvironment(@NonNull Run<?, ?> run, @NonNull EnvVars env) {
        env.put("IMAGE_STREAM", cause.getStream());
        env.put("IMAGE_STREAM_TAG", cause.getTag());
        env.put("IMAGE_DIGEST", cause.getDigest());
        env.put("IMAGE_REFERENCE", cause.getReference());
        env.put("IMAGE_PREVIOUS_DIGEST", cause.getPreviousDigest() == null ? "" : cause.getPreviousDigest());
        if (cause.getDeliveryId() != null) {
            env.put("IMAGE_DELIVERY_ID", cause.getDeliveryId());
        }
    }
}
