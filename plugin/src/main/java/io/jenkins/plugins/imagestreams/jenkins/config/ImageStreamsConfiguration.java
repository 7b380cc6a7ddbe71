package io.jenkins.plugins.imagestreams.jenkins.config;

import hudson.BulkChange;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.model.PersistentDescriptor;
import hudson.util.FormValidation;
import io.jenkins.plugins.imagestreams.access.AllowedRegistries;
import io.jenkins.plugins.imagestreams.access.NamespaceAccess;
import io.jenkins.plugins.imagestreams.api.SchedulerSettings;
import io.jenkins.plugins.imagestreams.jenkins.runtime.ImageStreamsRuntime;
import io.jenkins.plugins.imagestreams.jenkins.web.ImageStreamsWebhook;
import io.jenkins.plugins.imagestreams.registry.auth.DockerConfigCredentials;
import io.jenkins.plugins.imagestreams.service.ClusterAccess;
import io.jenkins.plugins.imagestreams.service.StoreLocation;
import io.jenkins.plugins.imagestreams.stream.ImageStreamSpec;
import io.jenkins.plugins.imagestreams.stream.SignaturePolicy;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * Manage Jenkins → System → Image Streams: stream definitions, registries, polling, history, webhooks, namespace access and the
 * Kubernetes cluster of tags' workloads.
 * Only definitions live here; history and conditions live in the stream store under
 * {@code $JENKINS_HOME/image-streams/}. Every save is applied to the running streams.
 */
@Extension
@Symbol("imageStreams")
public class ImageStreamsConfiguration extends GlobalConfiguration implements PersistentDescriptor {
    /** Seconds between imports of a scheduled tag unless configured. */
    public static final int DEFAULT_POLL_INTERVAL_SECONDS = 300;

    private List<StreamDefinition> streams = new ArrayList<>();
    private List<RegistryDefinition> registries = new ArrayList<>();
    private List<WebhookEndpoint> webhooks = new ArrayList<>();
    private List<NamespaceAccessRule> accessRules = new ArrayList<>();
    private List<NamespaceSignatureRule> signatureRules = new ArrayList<>();
    private int pollIntervalSeconds = DEFAULT_POLL_INTERVAL_SECONDS;
    private int historyLimit = ImageStreamSpec.DEFAULT_HISTORY_LIMIT;
    private KubernetesDefinition kubernetes;
    private boolean stepsMayNameAnyRegistry;
    private String authFile = "";
    private boolean storeInCluster;
    private String storeNamespace = "";

    public static ImageStreamsConfiguration get() {
        return ExtensionList.lookupSingleton(ImageStreamsConfiguration.class);
    }

    public List<StreamDefinition> getStreams() {
        return streams;
    }

    @DataBoundSetter
    public void setStreams(List<StreamDefinition> streams) {
        this.streams = streams == null ? new ArrayList<>() : new ArrayList<>(streams);
        save();
    }

    public List<RegistryDefinition> getRegistries() {
        return registries;
    }

    @DataBoundSetter
    public void setRegistries(List<RegistryDefinition> registries) {
        this.registries = registries == null ? new ArrayList<>() : new ArrayList<>(registries);
        save();
    }

    public List<WebhookEndpoint> getWebhooks() {
        return webhooks;
    }

    @DataBoundSetter
    public void setWebhooks(List<WebhookEndpoint> webhooks) {
        this.webhooks = webhooks == null ? new ArrayList<>() : new ArrayList<>(webhooks);
        save();
    }

    public List<NamespaceAccessRule> getAccessRules() {
        return accessRules;
    }

    @DataBoundSetter
    public void setAccessRules(List<NamespaceAccessRule> accessRules) {
        this.accessRules = accessRules == null ? new ArrayList<>() : new ArrayList<>(accessRules);
        save();
    }

    public List<NamespaceSignatureRule> getSignatureRules() {
        return signatureRules;
    }

    @DataBoundSetter
    public void setSignatureRules(List<NamespaceSignatureRule> signatureRules) {
        this.signatureRules = signatureRules == null ? new ArrayList<>() : new ArrayList<>(signatureRules);
    }

    /**
     * The signature every write into {@code namespace} needs, if a rule names it.
     *
     * @throws IllegalArgumentException for a rule whose keys do not parse (the form refuses those; one set by
     *     Configuration as Code makes every write into the namespace fail, naming the rule, rather than let any in)
     */
    public Optional<SignaturePolicy> namespaceSignature(String namespace) {
        return signatureRules.stream()
                .filter(r -> r.getNamespace().equals(namespace))
                .findFirst()
                .map(NamespaceSignatureRule::toPolicy);
    }

    public int getPollIntervalSeconds() {
        return pollIntervalSeconds;
    }

    @DataBoundSetter
    public void setPollIntervalSeconds(int pollIntervalSeconds) {
        this.pollIntervalSeconds = pollIntervalSeconds;
        save();
    }

    public int getHistoryLimit() {
        return historyLimit;
    }

    @DataBoundSetter
    public void setHistoryLimit(int historyLimit) {
        this.historyLimit = historyLimit;
        save();
    }

    /** The cluster whose workloads tags keep in step; null when tags' workloads are not updated. */
    public KubernetesDefinition getKubernetes() {
        return kubernetes;
    }

    @DataBoundSetter
    public void setKubernetes(KubernetesDefinition kubernetes) {
        this.kubernetes = kubernetes;
        save();
    }

    /** Whether steps may name any registry as a source or copy target, not only the configured registries. */
    public boolean isStepsMayNameAnyRegistry() {
        return stepsMayNameAnyRegistry;
    }

    @DataBoundSetter
    public void setStepsMayNameAnyRegistry(boolean stepsMayNameAnyRegistry) {
        this.stepsMayNameAnyRegistry = stepsMayNameAnyRegistry;
        save();
    }

    /**
     * The controller's auth file ({@code config.json} or {@code auth.json}) whose entries, credential helpers and
     * credentials store serve scheduled imports of registries without credentials here; empty for none.
     */
    public String getAuthFile() {
        return authFile == null ? "" : authFile;
    }

    @DataBoundSetter
    public void setAuthFile(String authFile) {
        this.authFile = authFile == null ? "" : authFile.strip();
        save();
    }

    /**
     * Whether streams are kept as custom resources of the configured Kubernetes cluster (or, without one, of the
     * controller's kubeconfig cluster), shared with every controller and {@code imagestreams watch} that keeps them
     * there, instead of in files under {@code JENKINS_HOME/image-streams}.
     */
    public boolean isStoreInCluster() {
        return storeInCluster;
    }

    @DataBoundSetter
    public void setStoreInCluster(boolean storeInCluster) {
        this.storeInCluster = storeInCluster;
        save();
    }

    /** The one namespace a cluster store keeps; empty for all of them. */
    public String getStoreNamespace() {
        return storeNamespace == null ? "" : storeNamespace;
    }

    @DataBoundSetter
    public void setStoreNamespace(String storeNamespace) {
        this.storeNamespace = storeNamespace == null ? "" : storeNamespace.strip();
        save();
    }

    /**
     * Where the streams are kept: empty for the files under {@code JENKINS_HOME}; else the cluster and namespace.
     *
     * @throws IllegalArgumentException when the cluster settings or the namespace are wrong
     */
    public Optional<ClusterStore> clusterStore() {
        if (!storeInCluster) {
            return Optional.empty();
        }
        Optional<String> namespace = getStoreNamespace().isEmpty()
                ? Optional.empty()
                : Optional.of(StoreLocation.requireNamespace(getStoreNamespace()));
        ClusterAccess access = kubernetes != null ? kubernetes.toAccess() : ClusterAccess.kubeconfig();
        return Optional.of(new ClusterStore(access, namespace));
    }

    /** A store in a cluster: how to reach it, and the one namespace it keeps, if only one. */
    public record ClusterStore(ClusterAccess access, Optional<String> namespace) {}

    /** The registries steps may name: the configured ones, or any when the administrator says so. */
    public AllowedRegistries allowedRegistries() {
        return stepsMayNameAnyRegistry
                ? AllowedRegistries.ANY
                : AllowedRegistries.only(
                        registries.stream().map(RegistryDefinition::getHost).collect(Collectors.toSet()));
    }

    /** The configured stream named {@code namespace/name}, if any. */
    public Optional<StreamDefinition> stream(String namespace, String name) {
        return streams.stream()
                .filter(s -> s.getNamespace().equals(namespace) && s.getName().equals(name))
                .findFirst();
    }

    /** The configured registry for {@code host}, if any. */
    public Optional<RegistryDefinition> registry(String host) {
        return registries.stream().filter(r -> r.getHost().equals(host)).findFirst();
    }

    /** The scheduler settings: the poll interval, never below core's minimum. */
    public SchedulerSettings schedulerSettings() {
        Duration interval =
                Duration.ofSeconds(Math.max(pollIntervalSeconds, SchedulerSettings.MIN_INTERVAL.toSeconds()));
        return SchedulerSettings.DEFAULT.withInterval(interval);
    }

    /**
     * The namespace access rules as core evaluates them.
     *
     * @throws IllegalArgumentException for a rule that does not parse (the form refuses those)
     */
    public NamespaceAccess namespaceAccess() {
        return new NamespaceAccess(
                accessRules.stream().map(NamespaceAccessRule::toRule).toList());
    }

    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        streams = new ArrayList<>();
        registries = new ArrayList<>();
        webhooks = new ArrayList<>();
        accessRules = new ArrayList<>();
        signatureRules = new ArrayList<>();
        kubernetes = null;
        stepsMayNameAnyRegistry = false;
        authFile = "";
        storeInCluster = false;
        storeNamespace = "";
        try (BulkChange change = new BulkChange(this)) {
            req.bindJSON(this, json);
            change.commit();
        } catch (IOException e) {
            throw new FormException(e, "streams");
        }
        return true;
    }

    /**
     * Writes the configuration and applies it to the running streams, once per change: a form submit or a
     * Configuration as Code run binds every field inside a {@link BulkChange}, whose commit saves (and so applies)
     * once, not once per field.
     */
    @Override
    public synchronized void save() {
        if (BulkChange.contains(this)) {
            return;
        }
        super.save();
        ImageStreamsRuntime.applyIfRunning(this);
    }

    @POST
    public FormValidation doCheckStoreNamespace(@QueryParameter String value) {
        return FormChecks.admin(value, () -> StoreLocation.requireNamespace(value.strip()));
    }

    @POST
    public FormValidation doCheckPollIntervalSeconds(@QueryParameter String value) {
        return FormChecks.admin(value, () -> {
            long seconds = Long.parseLong(value.strip());
            if (seconds < SchedulerSettings.MIN_INTERVAL.toSeconds()) {
                throw new IllegalArgumentException(Messages.ImageStreamsConfiguration_IntervalTooShort(
                        SchedulerSettings.MIN_INTERVAL.toSeconds()));
            }
        });
    }

    @POST
    public FormValidation doCheckHistoryLimit(@QueryParameter String value) {
        return FormChecks.admin(value, () -> {
            if (Integer.parseInt(value.strip()) < 1) {
                throw new IllegalArgumentException(Messages.ImageStreamsConfiguration_HistoryLimitTooSmall());
            }
        });
    }

    /** The auth file must be an absolute path to a readable file in one of the forms docker and podman write. */
    @POST
    public FormValidation doCheckAuthFile(@QueryParameter String value) {
        return FormChecks.admin(value, () -> DockerConfigCredentials.read(authFilePath(value)));
    }

    /**
     * {@code value} as the path of an auth file.
     *
     * @throws IllegalArgumentException unless it is an absolute path, naming it
     */
    public static Path authFilePath(String value) {
        Path path = Path.of(value.strip());
        if (!path.isAbsolute()) {
            throw new IllegalArgumentException(Messages.ImageStreamsConfiguration_AuthFileNotAbsolute(value.strip()));
        }
        return path;
    }

    /** The URL registries post notifications to, for the help text. */
    public String getWebhookUrl() {
        String root = Jenkins.get().getRootUrl();
        return (root == null ? "/" : root) + ImageStreamsWebhook.URL_NAME + "/notify/";
    }
}
