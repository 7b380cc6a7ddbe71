package io.jenkins.plugins.imagestreams.registry;

import java.util.Optional;

/** Where the client looks up credentials; asked again each time a registry challenges. */
@FunctionalInterface
public interface CredentialsProvider {
    /** No credentials for any registry: anonymous access only. */
    CredentialsProvider ANONYMOUS = registry -> Optional.empty();

    /**
     * The credentials for {@code registry} as written in references ({@code docker.io}, {@code localhost:5000}).
     */
    Optional<Credentials> forRegistry(String registry);
}
