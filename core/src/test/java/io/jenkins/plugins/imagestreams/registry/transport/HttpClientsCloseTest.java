package io.jenkins.plugins.imagestreams.registry.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagestreams.registry.RegistryConfig;
import io.jenkins.plugins.imagestreams.testing.RegistryFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.ClassRule;
import org.junit.Test;

/**
 * Closing ends the HTTP clients' selector threads at once, on every JDK, so that a one-shot command's JVM exits
 * without waiting for a thread blocked in native code.
 */
public class HttpClientsCloseTest {
    @ClassRule
    public static final RegistryFixture REGISTRY = RegistryFixture.plain();

    private static Thread selectorThread(HttpClient client) {
        String name = SelectorThreads.threadName(client).orElseThrow();
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no thread " + name));
    }

    @Test
    public void closingEndsTheSelectorThreadOfEveryClientItMade() throws Exception {
        HttpClients clients = new HttpClients(Duration.ofSeconds(5));
        URI registry = URI.create(REGISTRY.url() + "/v2/");
        HttpClient small = clients.forUri(registry, RegistryConfig.defaults(), false);
        HttpClient streaming = clients.forUri(registry, RegistryConfig.defaults(), true);
        for (HttpClient client : new HttpClient[] {small, streaming}) {
            assertThat(client.send(HttpRequest.newBuilder(registry).build(), HttpResponse.BodyHandlers.discarding())
                            .statusCode())
                    .isEqualTo(200);
        }
        Thread smallSelector = selectorThread(small);
        Thread streamingSelector = selectorThread(streaming);
        assertThat(smallSelector).isNotSameAs(streamingSelector);
        assertThat(smallSelector.isAlive()).isTrue();

        clients.close();

        smallSelector.join(2000);
        streamingSelector.join(2000);
        assertThat(smallSelector.isAlive()).as(smallSelector.getName()).isFalse();
        assertThat(streamingSelector.isAlive()).as(streamingSelector.getName()).isFalse();
        assertThatThrownBy(() -> clients.forUri(registry, RegistryConfig.defaults(), false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    public void aPlainHttpUriGetsAClientThatCannotDoTls() throws Exception {
        try (RegistryFixture tls = RegistryFixture.builder().tls().build().start()) {
            HttpClients clients = new HttpClients(Duration.ofSeconds(5));
            RegistryConfig trusted = RegistryConfig.defaults()
                    .withCaCertificate(tls.caCertificate().orElseThrow());
            URI secure = URI.create("https://" + tls.host() + "/v2/");
            HttpClient plain = clients.forUri(URI.create("http://" + tls.host() + "/v2/"), trusted, false);
            HttpClient https = clients.forUri(secure, trusted, false);

            assertThat(plain).isNotSameAs(https);
            assertThat(https.send(HttpRequest.newBuilder(secure).build(), HttpResponse.BodyHandlers.discarding())
                            .statusCode())
                    .isEqualTo(200);
            assertThatThrownBy(() ->
                            plain.send(HttpRequest.newBuilder(secure).build(), HttpResponse.BodyHandlers.discarding()))
                    .isInstanceOf(java.io.IOException.class)
                    .hasMessageContaining("plain HTTP only");
            clients.close();
        }
    }

    @Test
    public void aClientWhoseNameShowsNoIdIsLeftAlone() {
        HttpClient client = HttpClient.newHttpClient();

        assertThat(SelectorThreads.threadName(client)).isPresent();
        assertThat(SelectorThreads.threadName(new NamedClient(client))).isEmpty();
    }

    /** A client that delegates everything but its name. */
    private static final class NamedClient extends HttpClient {
        private final HttpClient delegate;

        NamedClient(HttpClient delegate) {
            this.delegate = delegate;
        }

        @Override
        public java.util.Optional<java.net.CookieHandler> cookieHandler() {
            return delegate.cookieHandler();
        }

        @Override
        public java.util.Optional<Duration> connectTimeout() {
            return delegate.connectTimeout();
        }

        @Override
        public Redirect followRedirects() {
            return delegate.followRedirects();
        }

        @Override
        public java.util.Optional<java.net.ProxySelector> proxy() {
            return delegate.proxy();
        }

        @Override
        public javax.net.ssl.SSLContext sslContext() {
            return delegate.sslContext();
        }

        @Override
        public javax.net.ssl.SSLParameters sslParameters() {
            return delegate.sslParameters();
        }

        @Override
        public java.util.Optional<java.net.Authenticator> authenticator() {
            return delegate.authenticator();
        }

        @Override
        public Version version() {
            return delegate.version();
        }

        @Override
        public java.util.Optional<java.util.concurrent.Executor> executor() {
            return delegate.executor();
        }

        @Override
        public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
                throws java.io.IOException, InterruptedException {
            return delegate.send(request, handler);
        }

        @Override
        public <T> java.util.concurrent.CompletableFuture<HttpResponse<T>> sendAsync(
                HttpRequest request, HttpResponse.BodyHandler<T> handler) {
            return delegate.sendAsync(request, handler);
        }

        @Override
        public <T> java.util.concurrent.CompletableFuture<HttpResponse<T>> sendAsync(
                HttpRequest request,
                HttpResponse.BodyHandler<T> handler,
                HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
            return delegate.sendAsync(request, handler, pushPromiseHandler);
        }

        @Override
        public String toString() {
            return "a client of its own";
        }
    }
}
