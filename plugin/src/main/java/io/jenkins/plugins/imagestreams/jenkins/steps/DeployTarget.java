package io.jenkins.plugins.imagestreams.jenkins.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Describable;
import hudson.model.Descriptor;
import io.jenkins.plugins.imagestreams.workload.WorkloadKind;
import io.jenkins.plugins.imagestreams.workload.WorkloadTarget;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/** One workload a promotion updates: {@code [kind: 'deployment', namespace: 'prod', name: 'web', container: 'app']}. */
public final class DeployTarget implements Describable<DeployTarget> {
    private final String kind;
    private final String namespace;
    private final String name;
    private String container;

    @DataBoundConstructor
    public DeployTarget(String kind, String namespace, String name) {
        this.kind = kind;
        this.namespace = namespace;
        this.name = name;
    }

    public String getKind() {
        return kind;
    }

    public String getNamespace() {
        return namespace;
    }

    public String getName() {
        return name;
    }

    public String getContainer() {
        return container;
    }

    /** The container to update; unset for every container that runs the image's repository. */
    @DataBoundSetter
    public void setContainer(String container) {
        this.container = container == null || container.isBlank() ? null : container.strip();
    }

    /**
     * The core target.
     *
     * @throws IllegalArgumentException for a missing field, an unknown kind or a bad name, as core words it
     */
    public WorkloadTarget toTarget() {
        WorkloadTarget target = WorkloadTarget.byName(
                WorkloadKind.parse(required("kind", kind)), required("namespace", namespace), required("name", name));
        return container == null ? target : target.withContainer(container);
    }

    private static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(Messages.DeployTarget_Missing(field));
        }
        return value.strip();
    }

    @Extension
    public static final class DescriptorImpl extends Descriptor<DeployTarget> {
        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.DeployTarget_DisplayName();
        }
    }
}
