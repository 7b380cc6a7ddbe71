package io.jenkins.plugins.imagestreams.jenkins.steps;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.util.ListBoxModel;
import java.util.List;
import java.util.Set;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;

/** What every Image Streams step needs from the pipeline: the build and its log. */
abstract class StreamStepDescriptor extends StepDescriptor {
    @Override
    public final Set<? extends Class<?>> getRequiredContext() {
        return Set.of(Run.class, TaskListener.class);
    }

    /**
     * The credentials of {@code kind} a build of {@code item} could use, for the Snippet Generator: listed only to
     * those who may configure the job or use its credentials (administrators outside a job), as the job's builds see
     * them, so SYSTEM-scoped credentials never show; anyone else sees the current value alone.
     */
    static ListBoxModel buildCredentials(Item item, String current, Class<? extends StandardCredentials> kind) {
        StandardListBoxModel model = new StandardListBoxModel();
        boolean allowed = item == null
                ? Jenkins.get().hasPermission(Jenkins.ADMINISTER)
                : item.hasPermission(Item.EXTENDED_READ) || item.hasPermission(CredentialsProvider.USE_ITEM);
        if (!allowed) {
            return model.includeCurrentValue(current);
        }
        model.includeEmptyValue();
        if (item == null) {
            model.includeMatchingAs(
                    ACL.SYSTEM2,
                    Jenkins.get(),
                    kind,
                    List.of(),
                    CredentialsMatchers.not(CredentialsMatchers.withScope(CredentialsScope.SYSTEM)));
        } else {
            model.includeAs(
                    item instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2, item, kind);
        }
        return model.includeCurrentValue(current);
    }
}
