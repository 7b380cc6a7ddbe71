package io.jenkins.plugins.imagestreams.registry.transport;

import io.jenkins.plugins.imagestreams.metrics.Metrics;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.registry.ErrorCode;
import io.jenkins.plugins.imagestreams.registry.RegistryClient;
import io.jenkins.plugins.imagestreams.registry.RegistryConfig;
import io.jenkins.plugins.imagestreams.registry.RegistryException;
import io.jenkins.plugins.imagestreams.time.Sleeper;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * Sends one {@link Request}: picks the scheme, waits for the host's limiter, adds authorization, answers one
 * authentication challenge, and maps I/O failures to {@link RegistryException}s. It does not retry; the facade does.
 *
 * <p>Authorization is attached only to the registry's own host and port (never to a redirect or Location on another
 * host) and only over HTTPS, to a loopback host, or to a registry marked insecure.
 *
 * <p>Internal to {@link RegistryClient}, public only for its sibling packages; not an API.
 */
public final class Transport {
    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9a-fA-F:.]+");
    private static final Pattern LEADING_NUMBER = Pattern.compile("^(\\d+).*$");
    private final HttpClients clients;
    private final Function<String, RegistryConfig> configs;
    private final Authorizer authorizer;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration requestTimeout;
    private final Duration maxPause;
    private final String userAgent;
    private final Metrics metrics;
    private final Map<String, String> schemes = new ConcurrentHashMap<>();
    private final Map<String, HostLimiter> limiters = new ConcurrentHashMap<>();

    public Transport(
            HttpClients clients,
            Function<String, RegistryConfig> configs,
            Authorizer authorizer,
            Clock clock,
            Sleeper sleeper,
            Duration requestTimeout,
            Duration maxPause,
            String userAgent,
            Metrics metrics) {
        this.clients = clients;
        this.configs = configs;
        this.authorizer = authorizer;
        this.clock = clock;
        this.sleeper = sleeper;
        this.requestTimeout = requestTimeout;
        this.maxPause = maxPause;
        this.userAgent = userAgent;
        this.metrics = metrics;
    }

    public Response send(Request request) throws RegistryException {
        ImageReference ref = request.ref();
        RegistryConfig config = configs.apply(ref.registry());
        HostLimiter limiter = limiters.computeIfAbsent(ref.registry(), r -> new HostLimiter(config, clock, sleeper));
        boolean answeredChallenge = false;
        while (true) {
            URI uri = uriFor(request, config);
            boolean own = isRegistryHost(uri, ref) && mayCarryCredentials(uri, config);
            Optional<String> authorization =
                    own ? authorizer.authorization(ref, request.scopes(), request.action()) : Optional.empty();
            HttpResponse<InputStream> raw;
            try {
                RegistryConfig tls = isRegistryHost(uri, ref) ? config : configs.apply(uri.getAuthority());
                raw = exchange(build(request, uri, authorization), tls, limiter, request);
            } catch (SSLException e) {
                if (isRegistryHost(uri, ref) && mayFallBackToHttp(ref, config, e)) {
                    schemes.put(ref.registry(), "http");
                    continue;
                }
                throw tlsFailure(request, e);
            }
            if ("https".equals(uri.getScheme()) && isRegistryHost(uri, ref)) {
                schemes.putIfAbsent(ref.registry(), "https");
            }
            boolean plainByDefault = "http".equals(uri.getScheme())
                    && isRegistryHost(uri, ref)
                    && !config.insecure()
                    && config.caCertificatePem().isEmpty();
            Response response = new Response(raw, request.method(), request.action(), clock, plainByDefault);
            observeLimits(response, limiter, ref.registry());
            if (response.status() == 401 && own && !answeredChallenge) {
                if (authorizer.onChallenge(
                        ref,
                        response.headers("WWW-Authenticate"),
                        request.scopes(),
                        authorization.isPresent(),
                        request.action())) {
                    answeredChallenge = true;
                    response.close();
                    continue;
                }
            }
            return response;
        }
    }

    private HttpResponse<InputStream> exchange(HttpCall http, RegistryConfig tls, HostLimiter limiter, Request request)
            throws RegistryException, SSLException {
        try {
            limiter.acquire();
        } catch (InterruptedException e) {
            throw interrupted(request, e);
        }
        String host = request.ref().registry();
        try {
            HttpResponse<InputStream> response = clients.send(http, request.body(), tls, request.streaming());
            metrics.registryRequest(host, http.method(), response.statusCode());
            return response;
        } catch (HttpTimeoutException e) {
            metrics.registryRequest(host, http.method(), 0);
            throw new RegistryException(
                    ErrorCode.TIMEOUT,
                    0,
                    request.action(),
                    "no answer from " + http.uri().getAuthority() + " within " + requestTimeout.toMillis() + " ms",
                    e);
        } catch (IOException e) {
            metrics.registryRequest(host, http.method(), 0);
            SSLException ssl = sslCause(e);
            if (ssl != null) {
                throw ssl;
            }
            throw new RegistryException(
                    ErrorCode.CONNECTION,
                    0,
                    request.action(),
                    "cannot talk to " + http.uri().getAuthority() + ": " + describe(e),
                    e);
        } catch (InterruptedException e) {
            throw interrupted(request, e);
        } finally {
            limiter.release();
        }
    }

    private HttpCall build(Request request, URI uri, Optional<String> authorization) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("User-Agent", userAgent);
        headers.putAll(request.headers());
        authorization.ifPresent(value -> headers.put("Authorization", value));
        return new HttpCall(request.method(), uri, headers, requestTimeout);
    }

    private URI uriFor(Request request, RegistryConfig config) {
        if (!request.target().startsWith("/")) {
            return URI.create(request.target());
        }
        String scheme = schemes.get(request.ref().registry());
        if (scheme == null) {
            scheme = initialScheme(request.ref(), config);
        }
        return URI.create(scheme + "://" + request.ref().apiHost() + request.target());
    }

    /**
     * HTTPS when a CA is configured or the host is not loopback; plain HTTP for a loopback registry without CA or
     * insecure flag (as Docker ends up doing for {@code localhost:5000}). An insecure registry starts with HTTPS and
     * falls back to HTTP when the TLS handshake fails.
     */
    static String initialScheme(ImageReference ref, RegistryConfig config) {
        if (config.caCertificatePem().isPresent() || config.insecure()) {
            return "https";
        }
        return isLoopback(ref.host()) ? "http" : "https";
    }

    private void observeLimits(Response response, HostLimiter limiter, String host) {
        Optional<String> remaining = response.header("RateLimit-Remaining");
        if (remaining.isPresent() && leadingNumber(remaining.get()) == 0) {
            long reset = response.header("RateLimit-Reset")
                    .map(Transport::leadingNumber)
                    .orElse(-1L);
            Duration pause = cap(reset > 0 ? Duration.ofSeconds(reset) : Duration.ofSeconds(1));
            limiter.pause(pause);
            metrics.registryPaused(host, pause);
        }
        if (response.status() == 429) {
            response.retryAfter().ifPresent(wait -> {
                limiter.pause(cap(wait));
                metrics.registryPaused(host, cap(wait));
            });
        }
    }

    private Duration cap(Duration wait) {
        return wait.compareTo(maxPause) > 0 ? maxPause : wait;
    }

    private static long leadingNumber(String value) {
        String digits = LEADING_NUMBER.matcher(value.trim()).replaceFirst("$1");
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private boolean mayFallBackToHttp(ImageReference ref, RegistryConfig config, SSLException e) {
        return !schemes.containsKey(ref.registry())
                && config.insecure()
                && config.caCertificatePem().isEmpty()
                && HttpClients.certificateProblem(e).isEmpty();
    }

    private static RegistryException tlsFailure(Request request, SSLException e) {
        String detail = HttpClients.certificateProblem(e).isPresent()
                ? "the TLS certificate of " + request.ref().apiHost() + " is not trusted (" + e.getMessage()
                        + "); configure the registry's CA certificate, or mark it insecure"
                : "the TLS handshake with " + request.ref().apiHost() + " failed: " + e.getMessage();
        return new RegistryException(ErrorCode.CONNECTION, 0, request.action(), detail, e);
    }

    private static SSLException sslCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLException ssl) {
                return ssl;
            }
        }
        return null;
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static RegistryException interrupted(Request request, InterruptedException e) {
        Thread.currentThread().interrupt();
        return new RegistryException(ErrorCode.UNKNOWN, 0, request.action(), "interrupted", e);
    }

    static boolean isRegistryHost(URI uri, ImageReference ref) {
        String authority = uri.getAuthority();
        return authority != null
                && (authority.equalsIgnoreCase(ref.apiHost())
                        || (uri.getPort() < 0
                                && !ref.apiHost().contains(":")
                                && uri.getHost().equalsIgnoreCase(ref.apiHost())));
    }

    /** Credentials may travel over HTTPS, to a loopback host, or to a registry the user marked insecure. */
    public static boolean mayCarryCredentials(URI uri, RegistryConfig config) {
        return "https".equals(uri.getScheme()) || config.insecure() || isLoopback(uri.getHost());
    }

    /** {@code localhost}, 127.0.0.0/8 and {@code ::1} by their literal form; names are never resolved. */
    static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (bare.equalsIgnoreCase("localhost")) {
            return true;
        }
        boolean literal = IPV4_LITERAL.matcher(bare).matches()
                || (bare.contains(":") && IPV6_LITERAL.matcher(bare).matches());
        try {
            return literal && InetAddress.getByName(bare).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }
}
