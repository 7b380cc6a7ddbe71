package io.jenkins.plugins.imagestreams.registry.transport;

import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.registry.RegistryClient;
import io.jenkins.plugins.imagestreams.registry.RegistryException;
import java.util.List;
import java.util.Optional;

/**
 * Decides the {@code Authorization} header of registry requests and learns from the registry's challenges.
 *
 * <p>Internal to {@link RegistryClient}, public only for its sibling packages; not an API.
 */
public interface Authorizer {
    /** The header for a request to {@code ref}'s registry needing {@code scopes}, if one is known to be wanted. */
    Optional<String> authorization(ImageReference ref, List<String> scopes, String action) throws RegistryException;

    /**
     * Learns from a 401 and says whether sending the request again may succeed.
     *
     * @param wwwAuthenticate the response's {@code WWW-Authenticate} values
     * @param sentAuthorization whether the rejected request already carried a header
     */
    boolean onChallenge(
            ImageReference ref,
            List<String> wwwAuthenticate,
            List<String> scopes,
            boolean sentAuthorization,
            String action)
            throws RegistryException;
}
