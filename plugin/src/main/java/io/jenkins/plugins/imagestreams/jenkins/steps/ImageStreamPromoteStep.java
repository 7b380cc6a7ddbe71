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
import io.jenkins.plugins.imagestreams.api.ImageSigner;
import io.jenkins.plugins.imagestreams.api.PromotionOptions;
import io.jenkins.plugins.imagestreams.jenkins.runtime.ImageStreamsRuntime;
import io.jenkins.plugins.imagestreams.jenkins.runtime.KubernetesConnections;
import io.jenkins.plugins.imagestreams.jenkins.runtime.SigningKeys;
import io.jenkins.plugins.imagestreams.service.ClusterAccess;
import io.jenkins.plugins.imagestreams.service.PromotionRequest;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import io.jenkins.plugins.imagestreams.workload.RolloutWait;
import io.jenkins.plugins.imagestreams.workload.WorkloadTarget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Promotes the image a stream tag points at into another namespace, by digest: either {@code imageStreamPromote
 * stream: 'myapp', from: 'app-dev', to: 'app-prod', tag: 'latest'} or {@code imageStreamPromote source:
 * 'app-dev/myapp:latest', target: 'app-prod/myapp:prod'}. Optionally gated ({@code requireFrom}), copied to a registry
 * ({@code copyTo}, by default the target stream's own repository, with what is attached to the image unless {@code
 * carryAttachments: false}), and rolled out to workloads ({@code deploy}).
 * Returns the promotion record as a map.
 */
public final class ImageStreamPromoteStep extends Step {
    /** Seconds a rollout is awaited unless given. */
    public static final int DEFAULT_ROLLOUT_TIMEOUT_SECONDS = 300;

    private String stream;
    private String from;
    private String to;
    private String tag;
    private String toTag;
    private String source;
    private String target;
    private String copyTo;
    private boolean carryAttachments = true;
    private List<DeployTarget> deploy = List.of();
    private boolean waitForRollout;
    private int rolloutTimeoutSeconds = DEFAULT_ROLLOUT_TIMEOUT_SECONDS;
    private String kubernetesCredentialsId;
    private String signingCredentialsId;
    private String signingPassphraseCredentialsId;
    private String credentialsId;
    private String serverUrl;
    private String requireFrom;
    private boolean dryRun;

    @DataBoundConstructor
    public ImageStreamPromoteStep() {}

    public String getStream() {
        return stream;
    }

    @DataBoundSetter
    public void setStream(String stream) {
        this.stream = blankToNull(stream);
    }

    public String getFrom() {
        return from;
    }

    @DataBoundSetter
    public void setFrom(String from) {
        this.from = blankToNull(from);
    }

    public String getTo() {
        return to;
    }

    @DataBoundSetter
    public void setTo(String to) {
        this.to = blankToNull(to);
    }

    public String getTag() {
        return tag;
    }

    @DataBoundSetter
    public void setTag(String tag) {
        this.tag = blankToNull(tag);
    }

    public String getToTag() {
        return toTag;
    }

    /** The target tag in the stream/from/to form; the same as {@code tag} unless given. */
    @DataBoundSetter
    public void setToTag(String toTag) {
        this.toTag = blankToNull(toTag);
    }

    public String getSource() {
        return source;
    }

    @DataBoundSetter
    public void setSource(String source) {
        this.source = blankToNull(source);
    }

    public String getTarget() {
        return target;
    }

    @DataBoundSetter
    public void setTarget(String target) {
        this.target = blankToNull(target);
    }

    public String getCopyTo() {
        return copyTo;
    }

    @DataBoundSetter
    public void setCopyTo(String copyTo) {
        this.copyTo = blankToNull(copyTo);
    }

    public boolean isCarryAttachments() {
        return carryAttachments;
    }

    /**
     * Whether a copy also carries what is attached to the image (cosign signatures, attestations and SBOMs, OCI 1.1
     * referrers); on unless turned off.
     */
    @DataBoundSetter
    public void setCarryAttachments(boolean carryAttachments) {
        this.carryAttachments = carryAttachments;
    }

    public List<DeployTarget> getDeploy() {
        return deploy;
    }

    @DataBoundSetter
    public void setDeploy(List<DeployTarget> deploy) {
        this.deploy = deploy == null ? List.of() : List.copyOf(deploy);
    }

    public boolean isWaitForRollout() {
        return waitForRollout;
    }

    @DataBoundSetter
    public void setWaitForRollout(boolean waitForRollout) {
        this.waitForRollout = waitForRollout;
    }

    public int getRolloutTimeoutSeconds() {
        return rolloutTimeoutSeconds;
    }

    /** Seconds to wait for the rollout; 0 or less (an empty form field) means the default, 300. */
    @DataBoundSetter
    public void setRolloutTimeoutSeconds(int rolloutTimeoutSeconds) {
        this.rolloutTimeoutSeconds =
                rolloutTimeoutSeconds > 0 ? rolloutTimeoutSeconds : DEFAULT_ROLLOUT_TIMEOUT_SECONDS;
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    /** The registry credentials of the copy, as the build may use them; unset for each registry's configured ones. */
    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = blankToNull(credentialsId);
    }

    public String getKubernetesCredentialsId() {
        return kubernetesCredentialsId;
    }

    /**
     * Secret text credentials holding a service account token, as the build may use them; unset for the configured
     * cluster, which steps may use only when the administrator allows it.
     */
    @DataBoundSetter
    public void setKubernetesCredentialsId(String kubernetesCredentialsId) {
        this.kubernetesCredentialsId = blankToNull(kubernetesCredentialsId);
    }

    public String getSigningCredentialsId() {
        return signingCredentialsId;
    }

    /**
     * A secret file or secret text holding the PKCS#8 PEM private key that signs the promoted image where it lands, as
     * the build may use it; unset to not sign.
     */
    @DataBoundSetter
    public void setSigningCredentialsId(String signingCredentialsId) {
        this.signingCredentialsId = blankToNull(signingCredentialsId);
    }

    public String getSigningPassphraseCredentialsId() {
        return signingPassphraseCredentialsId;
    }

    /** Secret text holding the passphrase of an encrypted signing key; unset for an unencrypted key. */
    @DataBoundSetter
    public void setSigningPassphraseCredentialsId(String signingPassphraseCredentialsId) {
        this.signingPassphraseCredentialsId = blankToNull(signingPassphraseCredentialsId);
    }

    public String getServerUrl() {
        return serverUrl;
    }

    @DataBoundSetter
    public void setServerUrl(String serverUrl) {
        this.serverUrl = blankToNull(serverUrl);
    }

    public String getRequireFrom() {
        return requireFrom;
    }

    /** {@code [namespace/]stream:tag} whose history must hold the image; the target tag's configured gate if unset. */
    @DataBoundSetter
    public void setRequireFrom(String requireFrom) {
        this.requireFrom = blankToNull(requireFrom);
    }

    public boolean isDryRun() {
        return dryRun;
    }

    @DataBoundSetter
    public void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    /** The source and target stream tags of either form. */
    List<String> endpoints() throws AbortException {
        boolean pair = source != null || target != null;
        boolean split = stream != null || from != null || to != null || tag != null;
        if (pair == split) {
            throw new AbortException(Messages.ImageStreamPromoteStep_OneForm());
        }
        if (pair) {
            return List.of(Objects.requireNonNullElse(source, ""), Objects.requireNonNullElse(target, ""));
        }
        if (stream == null || from == null || to == null || tag == null) {
            throw new AbortException(Messages.ImageStreamPromoteStep_SplitFormIncomplete());
        }
        return List.of(from + "/" + stream + ":" + tag, to + "/" + stream + ":" + (toTag == null ? tag : toTag));
    }

    private static final class Execution extends StreamStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;
        private final transient ImageStreamPromoteStep step;

        Execution(ImageStreamPromoteStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        Map<String, Object> run(Run<?, ?> run, TaskListener listener, ImageStreamsRuntime.Services services)
                throws Exception {
            List<String> endpoints = step.endpoints();
            TagSource.ImageStreamTag source = StepSupport.streamTag("source", endpoints.get(0));
            TagSource.ImageStreamTag target = StepSupport.streamTag("target", endpoints.get(1));
            StepSupport.checkAccess(services, run, source.stream().namespace(), Access.READ);
            StepSupport.checkAccess(services, run, target.stream().namespace(), Access.WRITE);
            Optional<TagSource.ImageStreamTag> gate = gate();
            if (gate.isPresent()) {
                StepSupport.checkAccess(services, run, gate.get().stream().namespace(), Access.READ);
            }
            List<WorkloadTarget> workloads = new ArrayList<>();
            try {
                for (DeployTarget d : step.deploy) {
                    workloads.add(d.toTarget());
                }
            } catch (IllegalArgumentException e) {
                throw new AbortException(Messages.Steps_Invalid("deploy", e.getMessage()));
            }
            PromotionOptions options = PromotionOptions.by(run.getParent().getFullName() + "#" + run.getNumber())
                    .withWorkloads(workloads);
            if (gate.isPresent()) {
                options = options.withRequireFrom(gate.get());
            }
            if (!step.carryAttachments) {
                options = options.withCopyOptions(options.copyOptions().withAttachments(false));
            }
            if (step.waitForRollout) {
                options = options.withRolloutWait(RolloutWait.of(Duration.ofSeconds(step.rolloutTimeoutSeconds)));
            }
            PromotionRequest request = PromotionRequest.of(source, target, options);
            if (step.copyTo != null) {
                try {
                    request = request.withCopyTo(step.copyTo);
                    services.allowedRegistries()
                            .check("copyTo", request.copyTo().orElseThrow());
                } catch (IllegalArgumentException e) {
                    throw new AbortException(Messages.Steps_Invalid("copyTo", e.getMessage()));
                }
            }
            if (!workloads.isEmpty()) {
                request = request.withCluster(kubernetes(run));
            }
            try (ImageStreamsRuntime.ForBuild build = StepSupport.forBuild(services, run, step.credentialsId)) {
                if (step.signingCredentialsId != null && !step.dryRun) {
                    request = new PromotionRequest(
                            request.source(),
                            request.target(),
                            request.options().withSigner(signer(build, run)),
                            request.copyTo(),
                            request.cluster());
                }
                return new PromotionRunner(build.service(), listener.getLogger()).run(request, step.dryRun);
            }
        }

        /** Signs with the key the build may use; the key's bytes and passphrase are cleared once core parsed them. */
        private ImageSigner signer(ImageStreamsRuntime.ForBuild build, Run<?, ?> run) throws AbortException {
            byte[] pem = new byte[0];
            char[] passphrase = new char[0];
            try {
                pem = SigningKeys.privateKey(step.signingCredentialsId, run);
                passphrase = SigningKeys.passphrase(step.signingPassphraseCredentialsId, run);
                return build.service().signer(pem, passphrase);
            } catch (IllegalArgumentException e) {
                throw new AbortException(Messages.Steps_Invalid("signingCredentialsId", e.getMessage()));
            } finally {
                Arrays.fill(pem, (byte) 0);
                Arrays.fill(passphrase, '\0');
            }
        }

        /** The step's own gate; the target tag's configured gate is core's to apply. */
        private Optional<TagSource.ImageStreamTag> gate() throws AbortException {
            return step.requireFrom == null
                    ? Optional.empty()
                    : Optional.of(StepSupport.streamTag("requireFrom", step.requireFrom));
        }

        /** The build's own token, or the configured cluster if the administrator lets steps use it. */
        private ClusterAccess kubernetes(Run<?, ?> run) throws AbortException {
            try {
                return KubernetesConnections.forBuild(step.serverUrl, step.kubernetesCredentialsId, run);
            } catch (IllegalArgumentException e) {
                throw new AbortException(e.getMessage());
            }
        }
    }

    @Extension
    public static final class DescriptorImpl extends StreamStepDescriptor {
        @Override
        public String getFunctionName() {
            return "imageStreamPromote";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.ImageStreamPromoteStep_DisplayName();
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
            return buildCredentials(item, credentialsId, StandardCredentials.class);
        }

        @POST
        public ListBoxModel doFillKubernetesCredentialsIdItems(
                @AncestorInPath Item item, @QueryParameter String kubernetesCredentialsId) {
            return buildCredentials(item, kubernetesCredentialsId, StringCredentials.class);
        }

        @POST
        public ListBoxModel doFillSigningCredentialsIdItems(
                @AncestorInPath Item item, @QueryParameter String signingCredentialsId) {
            return buildCredentials(item, signingCredentialsId, StandardCredentials.class);
        }

        @POST
        public ListBoxModel doFillSigningPassphraseCredentialsIdItems(
                @AncestorInPath Item item, @QueryParameter String signingPassphraseCredentialsId) {
            return buildCredentials(item, signingPassphraseCredentialsId, StringCredentials.class);
        }
    }
}
