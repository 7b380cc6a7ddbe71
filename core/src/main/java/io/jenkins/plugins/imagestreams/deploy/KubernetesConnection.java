package io.jenkins.plugins.imagestreams.deploy;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * How to reach a Kubernetes API server: a kubeconfig (the default lookup or a given file and context), the pod's own
 * service account, or an explicit server URL with a bearer token and CA certificate. Server certificates are always
 * verified against the kubeconfig's or the given CA, or the JVM's trust store; only a kubeconfig that itself says
 * {@code insecure-skip-tls-verify} turns that off.
 */
public final class KubernetesConnection {
    static final Path SERVICE_ACCOUNT = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");

    private final String description;
    private final Supplier<Config> config;

    private KubernetesConnection(String description, Supplier<Config> config) {
        this.description = description;
        this.config = config;
    }

    /** The kubeconfig kubectl would use ({@code $KUBECONFIG} or {@code ~/.kube/config}), at its current context. */
    public static KubernetesConnection kubeconfig() {
        return new KubernetesConnection("kubeconfig (default), current context", () -> Config.autoConfigure(null));
    }

    /**
     * The kubeconfig {@code file} at {@code context}.
     *
     * @param context null for the file's current context
     */
    public static KubernetesConnection kubeconfig(Path file, String context) {
        Objects.requireNonNull(file, "file");
        return new KubernetesConnection(
                "kubeconfig " + file + ", " + (context == null ? "current context" : "context " + context), () -> {
                    if (!Files.isReadable(file)) {
                        throw new IllegalArgumentException("kubeconfig " + file + " does not exist or is unreadable");
                    }
                    return Config.fromKubeconfig(context, file.toFile());
                });
    }

    /**
     * The service account of the pod this runs in: the API server from {@code KUBERNETES_SERVICE_HOST} and {@code
     * KUBERNETES_SERVICE_PORT}, the token and CA mounted under {@code /var/run/secrets/kubernetes.io/serviceaccount}.
     * The token file is read for every request, as the kubelet rotates it.
     */
    public static KubernetesConnection inCluster() {
        return inCluster(SERVICE_ACCOUNT, System.getenv());
    }

    static KubernetesConnection inCluster(Path serviceAccount, Map<String, String> env) {
        return new KubernetesConnection("in-cluster service account " + serviceAccount, () -> {
            String host = env.get("KUBERNETES_SERVICE_HOST");
            String port = env.getOrDefault("KUBERNETES_SERVICE_PORT", "443");
            if (host == null || host.isBlank()) {
                throw new IllegalStateException(
                        "KUBERNETES_SERVICE_HOST is not set: not running in a Kubernetes pod; use a kubeconfig instead");
            }
            Path tokenFile = serviceAccount.resolve("token");
            Path caFile = serviceAccount.resolve("ca.crt");
            if (!Files.isReadable(tokenFile) || !Files.isReadable(caFile)) {
                throw new IllegalStateException("no service account token and ca.crt under " + serviceAccount
                        + "; is automountServiceAccountToken off for this pod?");
            }
            String hostPart = host.contains(":") ? "[" + host + "]" : host;
            return new ConfigBuilder(Config.empty())
                    .withMasterUrl("https://" + hostPart + ":" + port)
                    .withCaCertFile(caFile.toString())
                    .withOauthTokenProvider(() -> readToken(tokenFile))
                    .withTrustCerts(false)
                    .build();
        });
    }

    /**
     * An explicit API server with a bearer token. Plain {@code http} is accepted only on a loopback address, so the
     * token never crosses a network in clear text.
     *
     * @param caCertificatePem the PEM of the CA that signed the server's certificate, or null for the JVM's trust store
     * @throws IllegalArgumentException if the URL, token or PEM is unusable
     */
    public static KubernetesConnection token(URI server, String token, String caCertificatePem) {
        Objects.requireNonNull(server, "server");
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("bearer token is empty; give the service account token");
        }
        requireSafeScheme(server);
        if (caCertificatePem != null) {
            requireCertificate(caCertificatePem);
        }
        String description = "server " + server + ", token ****, CA "
                + (caCertificatePem == null ? "from the JVM trust store" : "given");
        return new KubernetesConnection(description, () -> {
            ConfigBuilder builder = new ConfigBuilder(Config.empty())
                    .withMasterUrl(server.toString())
                    .withOauthToken(token.trim())
                    .withTrustCerts(false);
            if (caCertificatePem != null) {
                builder.withCaCertData(
                        Base64.getEncoder().encodeToString(caCertificatePem.getBytes(StandardCharsets.US_ASCII)));
            }
            return builder.build();
        });
    }

    /** A new client; the caller closes it. */
    public KubernetesClient connect() {
        return new KubernetesClientBuilder().withConfig(config()).build();
    }

    /**
     * A new client that retries a failed request at most {@code retries} times (fabric8's default is 10, with backoff
     * adding up to about 20 s), for callers that would rather fail fast and say why; the caller closes it.
     */
    public KubernetesClient connect(int retries) {
        Config config = config();
        config.setRequestRetryBackoffLimit(retries);
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    /** The fabric8 configuration this connection makes, read afresh. */
    Config config() {
        return config.get();
    }

    private static void requireSafeScheme(URI server) {
        String scheme = server.getScheme();
        if ("https".equalsIgnoreCase(scheme)) {
            return;
        }
        if (!"http".equalsIgnoreCase(scheme) || server.getHost() == null) {
            throw new IllegalArgumentException(
                    "API server URL '" + server + "' must be https://host[:port]; got no https scheme or host");
        }
        try {
            if (!InetAddress.getByName(server.getHost()).isLoopbackAddress()) {
                throw new IllegalArgumentException("API server URL '" + server
                        + "' is plain http to a non-loopback host; use https so the token is not sent in clear text");
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("API server host '" + server.getHost() + "' does not resolve", e);
        }
    }

    private static void requireCertificate(String pem) {
        try {
            var certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            if (certificates.isEmpty()) {
                throw new CertificateException("no certificate found");
            }
        } catch (CertificateException e) {
            throw new IllegalArgumentException(
                    "CA certificate is not a PEM X.509 certificate (-----BEGIN CERTIFICATE-----" + " ...): "
                            + e.getMessage(),
                    e);
        }
    }

    private static String readToken(Path tokenFile) {
        try {
            return Files.readString(tokenFile, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read service account token " + tokenFile, e);
        }
    }

    /** How this connects, never the token. */
    @Override
    public String toString() {
        return "KubernetesConnection[" + description + "]";
    }
}
