package io.jenkins.plugins.imagestreams.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback token server for a registry in {@code auth: token} mode, per the distribution token specification.
 *
 * <p>It answers {@code GET /token?service=..&scope=..} with an RS256 JWT carrying an {@code x5c} header. The one known
 * user gets {@code pull}, {@code push} and {@code delete} on every repository scope it asks for (and the catalog);
 * anonymous callers get {@code pull} only; a wrong password gets 401.
 *
 * @see <a href="https://distribution.github.io/distribution/spec/auth/jwt/">Token authentication implementation</a>
 */
public final class TokenIssuer implements AutoCloseable {
    /** The {@code iss} claim the registry is configured to accept. */
    public static final String ISSUER = "image-streams-test-issuer";
    /** The {@code service} (and {@code aud}) the registry is configured with. */
    public static final String SERVICE = "image-streams-test-registry";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> USER_ACTIONS = List.of("pull", "push", "delete");

    private final String username;
    private final String password;
    private final PrivateKey key;
    private final String x5c;
    private final Clock clock;
    private final HttpServer server;
    private final AtomicInteger served = new AtomicInteger();

    private TokenIssuer(String username, String password, TestCertificates.SigningKey signingKey, Clock clock)
            throws IOException, GeneralSecurityException {
        this.username = username;
        this.password = password;
        this.key = TestCertificates.readRsaPrivateKey(signingKey.privateKey());
        X509Certificate cert =
                TestCertificates.readCertificates(signingKey.certificate()).get(0);
        this.x5c = Base64.getEncoder().encodeToString(cert.getEncoded());
        this.clock = clock;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/token", this::handle);
    }

    /** Starts an issuer on a free loopback port that signs with {@code signingKey}. */
    public static TokenIssuer start(String username, String password, TestCertificates.SigningKey signingKey) {
        try {
            TokenIssuer issuer = new TokenIssuer(username, password, signingKey, Clock.systemUTC());
            issuer.server.start();
            return issuer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the token signing certificate: " + e.getMessage(), e);
        }
    }

    /** The URL the registry names as {@code realm} in its Bearer challenges. */
    public URI realm() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/token");
    }

    /** How many token requests were answered with a token (not 401s). */
    public int tokensIssued() {
        return served.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String subject = authenticate(exchange.getRequestHeaders().getFirst("Authorization"));
            if (subject == null) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"test token issuer\"");
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            Map<String, List<String>> query = query(exchange.getRequestURI().getRawQuery());
            List<Map<String, Object>> access = new ArrayList<>();
            for (String scopes : query.getOrDefault("scope", List.of())) {
                for (String scope : scopes.split(" ")) {
                    Map<String, Object> granted = grant(scope, !subject.isEmpty());
                    if (granted != null) {
                        access.add(granted);
                    }
                }
            }
            String service = query.getOrDefault("service", List.of(SERVICE)).get(0);
            String token = sign(subject, service, access);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("token", token);
            body.put("access_token", token);
            body.put("expires_in", 300);
            body.put("issued_at", clock.instant().toString());
            byte[] bytes = JSON.writeValueAsBytes(body);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            // counted before the client can hold the token, so a test that reads the count after using it sees it
            served.incrementAndGet();
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    /** The subject: the user name, "" for anonymous, or null for wrong credentials. */
    private String authenticate(String authorization) {
        if (authorization == null) {
            return "";
        }
        if (!authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(
                    Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        return decoded.equals(username + ":" + password) ? username : null;
    }

    private static Map<String, Object> grant(String scope, boolean authenticated) {
        int first = scope.indexOf(':');
        int last = scope.lastIndexOf(':');
        if (first < 0 || last == first) {
            return null;
        }
        String type = scope.substring(0, first);
        String name = scope.substring(first + 1, last);
        List<String> allowed = authenticated ? USER_ACTIONS : List.of("pull");
        List<String> actions = new ArrayList<>();
        for (String action : scope.substring(last + 1).split(",")) {
            if (allowed.contains(action) || (authenticated && type.equals("registry") && action.equals("*"))) {
                actions.add(action);
            }
        }
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("type", type);
        entry.put("name", name);
        entry.put("actions", actions);
        return entry;
    }

    private String sign(String subject, String audience, List<Map<String, Object>> access) throws IOException {
        Instant now = clock.instant();
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("typ", "JWT");
        header.put("alg", "RS256");
        header.put("x5c", List.of(x5c));
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("sub", subject);
        claims.put("aud", audience);
        claims.put("exp", now.getEpochSecond() + 300);
        claims.put("nbf", now.getEpochSecond() - 30);
        claims.put("iat", now.getEpochSecond());
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("access", access);
        String signingInput = base64Url(json(header)) + "." + base64Url(json(claims));
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + base64Url(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot sign a token: " + e.getMessage(), e);
        }
    }

    private static byte[] json(Object value) throws JsonProcessingException {
        return JSON.writeValueAsBytes(value);
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static Map<String, List<String>> query(String rawQuery) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        if (rawQuery == null) {
            return result;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            result.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return result;
    }

    @Override
    public String toString() {
        return "TokenIssuer[" + realm() + ", user=" + username + ", password=****]";
    }
}
