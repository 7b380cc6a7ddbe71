package io.jenkins.plugins.imagestreams.registry.auth;

import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.registry.AuthScheme;
import io.jenkins.plugins.imagestreams.registry.Credentials;
import io.jenkins.plugins.imagestreams.registry.CredentialsProvider;
import io.jenkins.plugins.imagestreams.registry.CredentialsUnavailableException;
import io.jenkins.plugins.imagestreams.registry.ErrorCode;
import io.jenkins.plugins.imagestreams.registry.RegistryClient;
import io.jenkins.plugins.imagestreams.registry.RegistryConfig;
import io.jenkins.plugins.imagestreams.registry.RegistryException;
import io.jenkins.plugins.imagestreams.registry.transport.Authorizer;
import io.jenkins.plugins.imagestreams.registry.transport.HttpClients;
import io.jenkins.plugins.imagestreams.registry.transport.Transport;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Decides the {@code Authorization} header of registry requests. It remembers each registry's challenge, so later
 * requests carry Basic credentials or a cached bearer token from the start and cost one round trip.
 *
 * <p>Credentials go to a registry only where {@link Transport} allows (HTTPS, loopback, or insecure), and to a token
 * realm only over HTTPS, to a loopback realm, or when the registry is marked insecure; otherwise the request fails
 * with {@link ErrorCode#INSECURE_REFUSED}. Like Docker, a realm on another host over HTTPS does get them: registries
 * such as Docker Hub issue tokens from a separate host.
 *
 * <p>Internal to {@link RegistryClient}, public only for its sibling packages; not an API.
 */
public final class Authenticator implements Authorizer {
    private final CredentialsProvider credentials;
    private final TokenIssuerClient issuer;
    private final Map<String, Challenge> challenges = new ConcurrentHashMap<>();

    /**
     * @param clients the clients token requests go through
     * @param configs the config of each registry, and of a token realm's host when it has one
     * @param timeout how long to wait for a token realm's answer
     */
    public Authenticator(
            CredentialsProvider credentials,
            HttpClients clients,
            Function<String, RegistryConfig> configs,
            Clock clock,
            Duration timeout,
            String userAgent) {
        this.credentials = credentials;
        this.issuer = new TokenIssuerClient(clients, configs, clock, timeout, userAgent);
    }

    /** The header for a request to {@code ref}'s registry needing {@code scopes}, if its challenge is known. */
    @Override
    public Optional<String> authorization(ImageReference ref, List<String> scopes, String action)
            throws RegistryException {
        Challenge challenge = challenges.get(ref.registry());
        if (challenge == null) {
            return Optional.empty();
        }
        if (challenge.scheme().equals("basic")) {
            return credentials(ref, AuthScheme.BASIC, action).map(Authenticator::basic);
        }
        return Optional.of(
                "Bearer " + bearer(ref, action, creds -> issuer.token(ref, challenge, scopes, creds, action)));
    }

    @Override
    public boolean onChallenge(
            ImageReference ref,
            List<String> wwwAuthenticate,
            List<String> scopes,
            boolean sentAuthorization,
            String action)
            throws RegistryException {
        List<Challenge> offered = Challenge.parseAll(wwwAuthenticate);
        Optional<Challenge> bearer = find(offered, "bearer");
        Optional<Challenge> chosen = bearer.isPresent() ? bearer : find(offered, "basic");
        if (chosen.isEmpty()) {
            return false;
        }
        Challenge challenge = chosen.get();
        Challenge previous = challenges.put(ref.registry(), challenge);
        if (challenge.scheme().equals("basic")) {
            boolean basicSent =
                    sentAuthorization && previous != null && previous.scheme().equals("basic");
            if (basicSent) {
                // Refused: a helper's token may have expired since it was fetched; ask it again, once.
                return credentials.refresh(ref)
                        && credentials(ref, AuthScheme.BASIC, action).isPresent();
            }
            return credentials(ref, AuthScheme.BASIC, action).isPresent();
        }
        if (challenge.param("realm").isEmpty()) {
            return false;
        }
        LinkedHashSet<String> needed = new LinkedHashSet<>(scopes);
        needed.addAll(challenge.scopes());
        issuer.invalidate(challenge, scopes);
        bearer(ref, action, creds -> issuer.fetch(ref, challenge, scopes, new ArrayList<>(needed), creds, action));
        return true;
    }

    /** A call to the token realm with some credentials. */
    private interface TokenCall {
        String with(Optional<Credentials> creds) throws RegistryException;
    }

    /**
     * Gets a token with the provider's credentials; when the realm refuses them and the provider may have others (a
     * credential helper's expired token), once more with those.
     */
    private String bearer(ImageReference ref, String action, TokenCall call) throws RegistryException {
        Optional<Credentials> creds = credentials(ref, AuthScheme.BEARER, action);
        try {
            return call.with(creds);
        } catch (RegistryException e) {
            if (!refused(e, creds) || !credentials.refresh(ref)) {
                throw e;
            }
            return call.with(credentials(ref, AuthScheme.BEARER, action));
        }
    }

    /** Whether the token realm refused credentials that were sent (not anonymous access). */
    private static boolean refused(RegistryException e, Optional<Credentials> sent) {
        return sent.isPresent() && e.code() == ErrorCode.UNAUTHORIZED && (e.status() == 401 || e.status() == 403);
    }

    /**
     * The provider's credentials for {@code ref}, never an identity token for Basic; a failing source (a credential
     * helper) fails the request.
     */
    private Optional<Credentials> credentials(ImageReference ref, AuthScheme scheme, String action)
            throws RegistryException {
        try {
            return credentials
                    .forRepository(ref, scheme)
                    .filter(c -> scheme == AuthScheme.BEARER || !c.isIdentityToken());
        } catch (CredentialsUnavailableException e) {
            throw new RegistryException(ErrorCode.CREDENTIALS_UNAVAILABLE, 0, action, e.getMessage(), e);
        }
    }

    private static Optional<Challenge> find(List<Challenge> offered, String scheme) {
        return offered.stream().filter(c -> c.scheme().equals(scheme)).findFirst();
    }

    public static String basic(Credentials c) {
        String pair = c.username() + ":" + c.secret();
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }
}
