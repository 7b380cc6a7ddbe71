package io.jenkins.plugins.imagestreams.jenkins.runtime;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.UsernamePasswordCredentials;
import hudson.model.Run;
import hudson.security.ACL;
import io.jenkins.plugins.imagestreams.jenkins.config.ImageStreamsConfiguration;
import io.jenkins.plugins.imagestreams.jenkins.config.RegistryDefinition;
import io.jenkins.plugins.imagestreams.registry.Credentials;
import java.util.List;
import java.util.Optional;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * Jenkins credentials as core {@link Credentials}: username/password as they are, secret text as an identity token
 * (Docker's {@code identitytoken}, exchanged at the registry's token realm).
 */
public final class RegistryCredentials {
    private RegistryCredentials() {}

    /** Credentials {@code id} from the global store, looked up as SYSTEM; empty for a blank id or none found. */
    public static Optional<StandardCredentials> find(String id) {
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        return Optional.ofNullable(CredentialsProvider.findCredentialByIdInItemGroup(
                id, StandardCredentials.class, Jenkins.get(), ACL.SYSTEM2, List.of()));
    }

    /** Credentials {@code id} as the build {@code run} may use them; empty for a blank id or none found. */
    public static Optional<StandardCredentials> find(String id, Run<?, ?> run) {
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        return Optional.ofNullable(CredentialsProvider.findCredentialById(id, StandardCredentials.class, run));
    }

    /**
     * The core form of username/password or secret text credentials.
     *
     * @throws IllegalArgumentException for any other kind, naming the id
     */
    public static Credentials toCore(StandardCredentials credentials) {
        if (credentials instanceof UsernamePasswordCredentials up) {
            return new Credentials(up.getUsername(), up.getPassword().getPlainText());
        }
        if (credentials instanceof StringCredentials text) {
            return Credentials.identityToken(text.getSecret().getPlainText());
        }
        throw new IllegalArgumentException(Messages.RegistryCredentials_WrongKind(credentials.getId()));
    }

    /**
     * The core provider a build's step uses: {@code stepCredentialsId} for every registry when the step names one,
     * else each configured registry's credentials; either looked up as the build may use them. Credentials in the
     * global store's SYSTEM scope are therefore never a build's: they serve scheduled imports only. Each use is
     * tracked against the build.
     */
    public static io.jenkins.plugins.imagestreams.registry.CredentialsProvider forBuild(
            Run<?, ?> run, String stepCredentialsId) {
        return registry -> {
            String id = stepCredentialsId != null && !stepCredentialsId.isBlank()
                    ? stepCredentialsId
                    : ImageStreamsConfiguration.get()
                            .registry(registry)
                            .map(RegistryDefinition::getCredentialsId)
                            .orElse(null);
            return find(id, run).map(credentials -> {
                CredentialsProvider.track(run, credentials);
                return toCore(credentials);
            });
        };
    }

    /**
     * The core provider of scheduled imports: each configured registry's credentials, looked up as SYSTEM, else the
     * auth file the administrator named (its helpers run on the controller); read at each challenge so edits apply
     * at once. Steps never use it: see {@link #forBuild}.
     */
    public static io.jenkins.plugins.imagestreams.registry.CredentialsProvider configured() {
        io.jenkins.plugins.imagestreams.registry.CredentialsProvider jenkins =
                registry -> ImageStreamsConfiguration.get()
                        .registry(registry)
                        .flatMap(r -> find(r.getCredentialsId()))
                        .map(RegistryCredentials::toCore);
        return jenkins.orElse(new AuthFileCredentials());
    }
}
