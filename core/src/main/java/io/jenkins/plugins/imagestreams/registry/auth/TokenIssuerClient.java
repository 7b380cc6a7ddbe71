package io.jenkins.plugins.imagestreams.registry.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.imagestreams.json.JsonTrees;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.registry.Credentials;
import io.jenkins.plugins.imagestreams.registry.ErrorCode;
import io.jenkins.plugins.imagestreams.registry.RegistryConfig;
import io.jenkins.plugins.imagestreams.registry.RegistryException;
import io.jenkins.plugins.imagestreams.registry.transport.Body;
import io.jenkins.plugins.imagestreams.registry.transport.HttpCall;
import io.jenkins.plugins.imagestreams.registry.transport.HttpClients;
import io.jenkins.plugins.imagestreams.registry.transport.Response;
import io.jenkins.plugins.imagestreams.registry.transport.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Gets bearer tokens from a challenge's realm (the distribution token protocol, and OAuth2 refresh tokens for
 * identity tokens) and caches them per realm, service and scope set until {@code expires_in} (default 60 s) is near.
 */
final class TokenIssuerClient {
    private static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(60);
    private static final Duration EARLY = Duration.ofSeconds(5);

    private record Token(String value, Instant expires) {}

    private final HttpClients clients;
    private final Function<String, RegistryConfig> configs;
    private final Clock clock;
    private final Duration timeout;
    private final String userAgent;
    private final Map<String, Token> cache = new ConcurrentHashMap<>();

    TokenIssuerClient(
            HttpClients clients,
            Function<String, RegistryConfig> configs,
            Clock clock,
            Duration timeout,
            String userAgent) {
        this.clients = clients;
        this.configs = configs;
        this.clock = clock;
        this.timeout = timeout;
        this.userAgent = userAgent;
    }

    /** A cached token for {@code scopes}, or a fresh one. */
    String token(
            ImageReference ref, Challenge challenge, List<String> scopes, Optional<Credentials> creds, String action)
            throws RegistryException {
        Token cached = cache.get(key(challenge, scopes));
        if (cached != null && clock.instant().isBefore(cached.expires())) {
            return cached.value();
        }
        return fetch(ref, challenge, scopes, scopes, creds, action);
    }

    void invalidate(Challenge challenge, List<String> scopes) {
        cache.remove(key(challenge, scopes));
    }

    /** Asks the realm for {@code requestScopes} and caches the answer under {@code cacheScopes}. */
    String fetch(
            ImageReference ref,
            Challenge challenge,
            List<String> cacheScopes,
            List<String> requestScopes,
            Optional<Credentials> creds,
            String action)
            throws RegistryException {
        URI realm;
        try {
            realm = URI.create(challenge.param("realm").orElseThrow());
            if (realm.getHost() == null || !List.of("http", "https").contains(realm.getScheme())) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
        } catch (IllegalArgumentException e) {
            throw new RegistryException(
                    ErrorCode.UNAUTHORIZED, 401, action, "the registry named an unusable token realm", e);
        }
        RegistryConfig registryConfig = configs.apply(ref.registry());
        if (creds.isPresent() && !Transport.mayCarryCredentials(realm, registryConfig)) {
            throw new RegistryException(
                    ErrorCode.INSECURE_REFUSED,
                    0,
                    action,
                    "the token realm " + realm.getScheme() + "://" + realm.getAuthority()
                            + " is plain HTTP on a non-loopback host; credentials were not sent",
                    null);
        }
        boolean refresh = creds.filter(Credentials::isIdentityToken).isPresent();
        Body form = refresh ? refreshForm(challenge, requestScopes, creds.get()) : Body.NONE;
        HttpCall request = refresh ? refreshRequest(realm) : getRequest(realm, challenge, requestScopes, creds);
        String port = realm.getPort() < 0 ? "" : ":" + realm.getPort();
        RegistryConfig realmConfig = configs.apply(realm.getHost() + port);
        RegistryConfig tls =
                realmConfig.caCertificatePem().isPresent() || realmConfig.insecure() ? realmConfig : registryConfig;
        HttpResponse<InputStream> response;
        try {
            response = clients.send(request, form, tls, false);
        } catch (HttpTimeoutException e) {
            throw new RegistryException(ErrorCode.TIMEOUT, 0, action, "the token realm did not answer in time", e);
        } catch (IOException e) {
            throw new RegistryException(
                    ErrorCode.CONNECTION, 0, action, "cannot reach the token realm: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException(ErrorCode.UNKNOWN, 0, action, "interrupted while getting a token", e);
        }
        try (Response body = new Response(response, request.method(), action, clock)) {
            if (body.status() != 200) {
                RegistryException failure = body.failure(ErrorCode.UNAUTHORIZED);
                ErrorCode code = body.status() == 401 || body.status() == 403 ? ErrorCode.UNAUTHORIZED : failure.code();
                throw new RegistryException(
                        code,
                        body.status(),
                        action,
                        "the token realm refused " + (creds.isPresent() ? "the credentials" : "anonymous access"),
                        failure.retryAfter().orElse(null),
                        failure);
            }
            return remember(challenge, cacheScopes, body.body(Response.MAX_BODY), action);
        }
    }

    private String remember(Challenge challenge, List<String> scopes, byte[] json, String action)
            throws RegistryException {
        try {
            JsonNode reply = JsonTrees.read(json);
            String token = reply.path("token").asText("");
            if (token.isEmpty()) {
                token = reply.path("access_token").asText("");
            }
            if (token.isEmpty()) {
                throw new IOException("no token or access_token");
            }
            long seconds = reply.path("expires_in").asLong(0);
            Duration lifetime = seconds > 0 ? Duration.ofSeconds(seconds) : DEFAULT_LIFETIME;
            Duration keep = lifetime.compareTo(EARLY.multipliedBy(2)) > 0 ? lifetime.minus(EARLY) : lifetime;
            cache.put(key(challenge, scopes), new Token(token, clock.instant().plus(keep)));
            return token;
        } catch (IOException e) {
            throw new RegistryException(
                    ErrorCode.UNAUTHORIZED, 200, action, "the token realm's reply is unusable: " + e.getMessage(), e);
        }
    }

    private HttpCall getRequest(URI realm, Challenge challenge, List<String> scopes, Optional<Credentials> creds) {
        StringBuilder query = new StringBuilder();
        challenge.param("service").ifPresent(s -> append(query, "service", s));
        scopes.forEach(s -> append(query, "scope", s));
        creds.ifPresent(c -> append(query, "account", c.username()));
        String base = realm.toString();
        String uri = query.length() == 0 ? base : base + (base.contains("?") ? "&" : "?") + query;
        HttpCall get = base("GET", URI.create(uri));
        return creds.isPresent() ? get.with("Authorization", Authenticator.basic(creds.get())) : get;
    }

    private static Body refreshForm(Challenge challenge, List<String> scopes, Credentials creds) {
        StringBuilder form = new StringBuilder();
        append(form, "grant_type", "refresh_token");
        append(form, "refresh_token", creds.secret());
        append(form, "client_id", "image-streams");
        challenge.param("service").ifPresent(s -> append(form, "service", s));
        if (!scopes.isEmpty()) {
            append(form, "scope", String.join(" ", scopes));
        }
        return Body.of(form.toString().getBytes(StandardCharsets.UTF_8));
    }

    private HttpCall refreshRequest(URI realm) {
        return base("POST", realm).with("Content-Type", "application/x-www-form-urlencoded");
    }

    private HttpCall base(String method, URI uri) {
        return HttpCall.of(method, uri, timeout).with("User-Agent", userAgent);
    }

    private static void append(StringBuilder query, String name, String value) {
        if (query.length() > 0) {
            query.append('&');
        }
        query.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }

    private static String key(Challenge challenge, List<String> scopes) {
        return challenge.param("realm").orElse("") + "|"
                + challenge.param("service").orElse("") + "|" + String.join(" ", new TreeSet<>(scopes));
    }
}
