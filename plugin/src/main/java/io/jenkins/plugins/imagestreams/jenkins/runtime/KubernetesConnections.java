package io.jenkins.plugins.imagestreams.jenkins.runtime;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.model.Run;
import hudson.security.ACL;
import io.jenkins.plugins.imagestreams.jenkins.config.ImageStreamsConfiguration;
import io.jenkins.plugins.imagestreams.jenkins.config.KubernetesDefinition;
import io.jenkins.plugins.imagestreams.service.ClusterAccess;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * Kubernetes access from Jenkins settings: secret text credentials are a bearer token for {@code serverUrl}; the
 * global setting without credentials means the controller's kubeconfig, which a step gets only through {@link
 * #forBuild}'s administrator opt-in.
 */
public final class KubernetesConnections {
    private KubernetesConnections() {}

    /**
     * The access the settings describe.
     *
     * @param serverUrl the API server; blank only with blank {@code credentialsId}
     * @param credentialsId secret text credentials holding the token; blank for the controller's kubeconfig
     * @param caCertificate PEM of the API server's CA; blank for the JVM trust store
     * @param lookup finds secret text credentials by id; null when there are none (or none the caller may use)
     * @throws IllegalArgumentException saying which setting is missing or wrong
     */
    public static ClusterAccess of(
            String serverUrl, String credentialsId, String caCertificate, Function<String, StringCredentials> lookup) {
        if (blank(credentialsId)) {
            if (!blank(serverUrl)) {
                throw new IllegalArgumentException(Messages.KubernetesConnections_CredentialsNeeded(serverUrl));
            }
            return ClusterAccess.kubeconfig();
        }
        if (blank(serverUrl)) {
            throw new IllegalArgumentException(Messages.KubernetesConnections_ServerUrlMissing());
        }
        StringCredentials token = lookup.apply(credentialsId.strip());
        if (token == null) {
            throw new IllegalArgumentException(Messages.KubernetesConnections_CredentialsMissing(credentialsId));
        }
        URI server;
        try {
            server = URI.create(serverUrl.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(Messages.KubernetesConnections_NotAUrl(serverUrl, e.getMessage()), e);
        }
        return ClusterAccess.token(
                server,
                token.getSecret().getPlainText(),
                blank(caCertificate) ? Optional.empty() : Optional.of(caCertificate.strip()));
    }

    /**
     * The access of a global setting, its credentials looked up in the global store as SYSTEM.
     *
     * @throws IllegalArgumentException saying which setting is missing or wrong
     */
    public static ClusterAccess global(String serverUrl, String credentialsId, String caCertificate) {
        return of(
                serverUrl,
                credentialsId,
                caCertificate,
                id -> CredentialsProvider.findCredentialByIdInItemGroup(
                        id, StringCredentials.class, Jenkins.get(), ACL.SYSTEM2, List.of()));
    }

    /**
     * The access a build's step uses. With {@code credentialsId}: that secret text as the build may use it, for {@code
     * serverUrl}, or else for the configured cluster's server and CA. Without: the configured cluster's access, only
     * if the administrator lets steps use it; never the controller's own kubeconfig otherwise.
     *
     * @throws IllegalArgumentException saying what the step needs
     */
    public static ClusterAccess forBuild(String serverUrl, String credentialsId, Run<?, ?> run) {
        KubernetesDefinition configured = ImageStreamsConfiguration.get().getKubernetes();
        if (blank(credentialsId)) {
            if (!blank(serverUrl) || configured == null || !configured.isStepsMayUse()) {
                throw new IllegalArgumentException(Messages.KubernetesConnections_StepNeedsCredentials());
            }
            return configured.toAccess();
        }
        boolean ownServer = !blank(serverUrl);
        return of(
                ownServer ? serverUrl : configured == null ? null : configured.getServerUrl(),
                credentialsId,
                ownServer || configured == null ? null : configured.getCaCertificate(),
                id -> {
                    StringCredentials token = CredentialsProvider.findCredentialById(id, StringCredentials.class, run);
                    if (token != null) {
                        CredentialsProvider.track(run, token);
                    }
                    return token;
                });
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
