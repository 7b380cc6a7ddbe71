package io.jenkins.plugins.imagestreams.registry;

import io.jenkins.plugins.imagestreams.reference.ImageReference;
import java.util.Objects;
import java.util.Optional;

/** Where the client looks up credentials; asked again each time a registry challenges. */
@FunctionalInterface
public interface CredentialsProvider {
    /** No credentials for any registry: anonymous access only. */
    CredentialsProvider ANONYMOUS = registry -> Optional.empty();

    /**
     * The credentials for {@code registry} as written in references ({@code docker.io}, {@code localhost:5000}).
     *
     * @throws CredentialsUnavailableException when the source of the credentials fails
     */
    Optional<Credentials> forRegistry(String registry);

    /**
     * The credentials for {@code ref}'s repository when its registry challenged with {@code scheme}; by default those of
     * its registry. A provider that knows credentials per repository ({@code host/team/app}) answers with the most
     * specific ones; one that holds an identity token gives it only for {@link AuthScheme#BEARER}.
     *
     * @throws CredentialsUnavailableException when the source of the credentials fails
     */
    default Optional<Credentials> forRepository(ImageReference ref, AuthScheme scheme) {
        return forRegistry(ref.registry());
    }

    /**
     * Called when the registry refused the credentials this provider gave for {@code ref}: forgets any it fetched (a
     * credential helper's short-lived token) and says whether asking again may give others. The client asks again at
     * most once per request.
     */
    default boolean refresh(ImageReference ref) {
        return false;
    }

    /** This provider, and {@code other} for the repositories this one has no credentials for. */
    default CredentialsProvider orElse(CredentialsProvider other) {
        Objects.requireNonNull(other, "other");
        CredentialsProvider first = this;
        return new CredentialsProvider() {
            @Override
            public Optional<Credentials> forRegistry(String registry) {
                return first.forRegistry(registry).or(() -> other.forRegistry(registry));
            }

            @Override
            public Optional<Credentials> forRepository(ImageReference ref, AuthScheme scheme) {
                return first.forRepository(ref, scheme).or(() -> other.forRepository(ref, scheme));
            }

            @Override
            public boolean refresh(ImageReference ref) {
                boolean a = first.refresh(ref);
                boolean b = other.refresh(ref);
                return a || b;
            }

            @Override
            public String toString() {
                return first + ", else " + other;
            }
        };
    }
}
