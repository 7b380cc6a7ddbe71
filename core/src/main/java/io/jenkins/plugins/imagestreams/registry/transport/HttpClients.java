package io.jenkins.plugins.imagestreams.registry.transport;

import io.jenkins.plugins.imagestreams.registry.RegistryClient;
import io.jenkins.plugins.imagestreams.registry.RegistryConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The HTTP connections of one {@link RegistryClient}: HTTP/1.1 on blocking sockets ({@link BlockingHttp}) for the
 * requests that reach their host directly, and for those the default proxy selector sends through a proxy the JDK's
 * {@link HttpClient}s, one shared client with system trust and one per distinct custom trust (CA PEM or insecure).
 * Both take their TLS settings from one context per trust, never from JVM-global settings. Redirects are never
 * followed here.
 *
 * <p>Internal to {@link RegistryClient}, public only for its sibling packages; not an API.
 */
public final class HttpClients {
    /**
     * Runs the HTTP client's internal tasks for requests whose bodies are small and read whole (manifests, tags,
     * mounts, tokens) on the thread that triggers them, the caller's or the client's selector thread, with no hand-off
     * at all. That is safe because nothing in those exchanges blocks: the bodies are byte arrays or none, and the
     * response subscriber only queues buffers for the caller to read (the JDK's maintainers describe an executor that
     * runs tasks inline as a valid choice for exactly this case). On two cores a loop of manifest HEADs through the
     * JDK's client needs about a tenth less time per check than with a small thread pool, and a third less than with
     * the JDK's default pool. Blob transfers keep the default pool, because an upload's body reads another response's
     * stream and may block a thread for the whole transfer.
     */
    private static final Executor SMALL_REQUESTS = Runnable::run;

    private final Duration connectTimeout;
    private final Map<Key, HttpClient> clients = new ConcurrentHashMap<>();
    private final Map<Key, SSLContext> tlsContexts = new ConcurrentHashMap<>();
    private final BlockingHttp blocking;
    private volatile boolean closed;

    public HttpClients(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
        this.blocking = new BlockingHttp(connectTimeout);
    }

    /**
     * Sends {@code http} with {@code body} and returns the answer, its body still to read: over {@link BlockingHttp}
     * when the request reaches its host directly, which is the common case; with the JDK's {@link HttpClient} when the
     * default {@link java.net.ProxySelector} sends it through a proxy.
     *
     * @param body what {@code http} sends
     * @param streaming whether a blob's bytes flow through it (see {@link Request#streaming()})
     * @throws java.net.http.HttpTimeoutException when no connection is made, or no answer arrives, in time
     * @throws IllegalStateException when the clients are closed
     */
    public HttpResponse<InputStream> send(HttpCall http, Body body, RegistryConfig config, boolean streaming)
            throws IOException, InterruptedException {
        if (closed) {
            throw new IllegalStateException("this registry client is closed");
        }
        URI uri = http.uri();
        if (BlockingHttp.reachesDirectly(uri)) {
            return blocking.send(http, body, tlsFor(uri, config));
        }
        return forUri(uri, config, streaming).send(http.toJdkRequest(body), HttpResponse.BodyHandlers.ofInputStream());
    }

    /**
     * The TLS settings for {@code uri} at a registry with {@code config}: the JDK's default, or one context per distinct
     * custom trust, shared with the {@link HttpClient}s; {@code null} for plain HTTP.
     *
     * @throws IllegalArgumentException when the CA PEM holds no readable certificate
     */
    private SSLContext tlsFor(URI uri, RegistryConfig config) {
        return "http".equalsIgnoreCase(uri.getScheme()) ? null : trust(config.caCertificatePem(), config.insecure());
    }

    private SSLContext trust(Optional<String> caCertificatePem, boolean insecure) {
        return tlsContexts.computeIfAbsent(new Key(caCertificatePem, insecure, false, false), HttpClients::tlsContext);
    }

    private static SSLContext tlsContext(Key key) {
        if (key.caCertificatePem().isPresent() || key.insecure()) {
            return sslContext(key.caCertificatePem(), key.insecure());
        }
        try {
            return SSLContext.getDefault();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no default TLS settings: " + e.getMessage(), e);
        }
    }

    /**
     * The client for a request to {@code uri} at a registry with {@code config}. A plain-HTTP URI gets a client that
     * cannot do TLS at all, so that a command talking only to a loopback registry pays nothing for TLS.
     *
     * @param streaming whether the request carries a blob's bytes (see {@link Request#streaming()})
     * @throws IllegalArgumentException when the CA PEM holds no readable certificate
     */
    public HttpClient forUri(URI uri, RegistryConfig config, boolean streaming) {
        if (closed) {
            throw new IllegalStateException("this registry client is closed");
        }
        Key key = "http".equalsIgnoreCase(uri.getScheme())
                ? new Key(Optional.empty(), false, streaming, true)
                : new Key(config.caCertificatePem(), config.insecure(), streaming, false);
        return clients.computeIfAbsent(key, this::build);
    }

    private HttpClient build(Key key) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_2);
        if (!key.streaming()) {
            builder.executor(SMALL_REQUESTS);
        }
        if (key.plain()) {
            builder.sslContext(PlainOnly.CONTEXT);
        } else if (key.caCertificatePem().isPresent() || key.insecure()) {
            builder.sslContext(trust(key.caCertificatePem(), key.insecure()));
        }
        return builder.build();
    }

    /**
     * Closes every client, waiting for exchanges under way to finish, where the JDK's {@link HttpClient} can be closed
     * (Java 21 and later). On older JDKs, which have no such method, each client's selector thread is interrupted
     * instead: an interrupt wakes a thread blocked in a {@link java.nio.channels.Selector} and the client's selector
     * manager ends when woken so. Either way its thread ends now rather than when the client is collected, and a JVM
     * about to exit no longer waits for it (HotSpot waits up to 300 ms at exit for threads blocked in native code, so
     * every one-shot command would pay that). The kept blocking connections are closed. Later requests are refused.
     */
    public void close() {
        closed = true;
        blocking.close();
        for (HttpClient client : clients.values()) {
            if (client instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    throw new IllegalStateException("closing the HTTP client failed", e);
                }
            } else {
                SelectorThreads.interrupt(client);
            }
        }
        clients.clear();
    }

    /**
     * What tells two clients apart: their TLS settings (trusted certificates, verification; none for plain HTTP, which
     * never does TLS), whether they carry blobs, and whether they speak plain HTTP. Equality and hash are written out
     * rather than left to the record: a record's are linked by {@code invokedynamic} at their first call, which builds
     * method handles and spins classes, and the first request of every one-shot command looks its client up here (some
     * 30 ms of CPU of a one-shot digest).
     */
    private record Key(Optional<String> caCertificatePem, boolean insecure, boolean streaming, boolean plain) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Key key
                    && insecure == key.insecure
                    && streaming == key.streaming
                    && plain == key.plain
                    && caCertificatePem.equals(key.caCertificatePem);
        }

        @Override
        public int hashCode() {
            return caCertificatePem.hashCode() * 8 + (insecure ? 4 : 0) + (streaming ? 2 : 0) + (plain ? 1 : 0);
        }
    }

    /**
     * The TLS context of clients that speak plain HTTP only: it never does TLS (any attempt fails with "plain HTTP
     * only"), so building such a client loads no TLS provider, cipher suites, curves or trusted certificates, which
     * otherwise make up most of a one-shot command's HTTP set-up.
     */
    private static final class PlainOnly extends SSLContext {
        static final SSLContext CONTEXT = new PlainOnly();

        private PlainOnly() {
            super(new NoTls(), null, "none");
        }
    }

    private static final class NoTls extends SSLContextSpi {
        private static final String PLAIN_ONLY = "this client speaks plain HTTP only";

        @Override
        protected void engineInit(KeyManager[] keys, TrustManager[] trust, SecureRandom random) {}

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            throw new UnsupportedOperationException(PLAIN_ONLY);
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            throw new UnsupportedOperationException(PLAIN_ONLY);
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            throw new UnsupportedOperationException(PLAIN_ONLY);
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            throw new UnsupportedOperationException(PLAIN_ONLY);
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            return null;
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            return null;
        }

        @Override
        protected SSLParameters engineGetDefaultSSLParameters() {
            return new SSLParameters(new String[0], new String[0]);
        }

        @Override
        protected SSLParameters engineGetSupportedSSLParameters() {
            return new SSLParameters(new String[0], new String[0]);
        }
    }

    private static SSLContext sslContext(Optional<String> caCertificatePem, boolean insecure) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            TrustManager[] trust =
                    insecure ? new TrustManager[] {new TrustAll()} : trustManagersFor(caCertificatePem.orElseThrow());
            context.init(null, trust, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot build TLS settings for registry: " + e.getMessage(), e);
        }
    }

    static TrustManager[] trustManagersFor(String pem) throws GeneralSecurityException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            store.load(null, null);
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException(e);
        }
        int i = 0;
        for (Certificate certificate :
                factory.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
            store.setCertificateEntry("ca-" + i++, certificate);
        }
        if (i == 0) {
            throw new IllegalArgumentException("the CA certificate PEM holds no certificate");
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        return tmf.getTrustManagers();
    }

    /** Accepts any certificate and, being an extended trust manager, any host name: only for insecure registries. */
    private static final class TrustAll extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    static Optional<Throwable> certificateProblem(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.security.cert.CertificateException
                    || t instanceof java.security.cert.CertPathValidatorException
                    || t.getClass().getName().endsWith("CertPathBuilderException")) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
