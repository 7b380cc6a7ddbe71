package io.jenkins.plugins.imagestreams.testing.kubernetes;

import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.dsl.MockServerExpectation;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import org.junit.rules.ExternalResource;

/**
 * fabric8's Kubernetes mock server in CRUD mode on a loopback port, as a JUnit 4 rule (7.x has only the JUnit 5
 * extension): objects created through {@link #client()} are stored, listed by label, patched and read back.
 */
public final class CrudKubernetesServer extends ExternalResource implements AutoCloseable {
    private final boolean https;
    private KubernetesMockServer server;
    private NamespacedKubernetesClient client;

    public CrudKubernetesServer(boolean https) {
        this.https = https;
    }

    /** A server started outside JUnit (a benchmark); {@link #close()} stops it. */
    public static CrudKubernetesServer started(boolean https) {
        CrudKubernetesServer server = new CrudKubernetesServer(https);
        server.before();
        return server;
    }

    @Override
    public void close() {
        after();
    }

    @Override
    protected void before() {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        server = new KubernetesMockServer(
                new Context(), new MockWebServer(), responses, new KubernetesMixedDispatcher(responses), https);
        server.init();
        client = server.createClient();
    }

    @Override
    protected void after() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.destroy();
        }
    }

    /** A client of the mock server that trusts any certificate, for arranging and inspecting test objects. */
    public NamespacedKubernetesClient client() {
        return client;
    }

    /** The server's base URL, {@code http(s)://localhost:PORT/}. */
    public String url() {
        return server.url("/");
    }

    /** The PEM of the server's self-signed certificate (for {@code localhost}); only with https. */
    public String certificatePem() {
        try {
            return Files.readString(Path.of(server.getSelfSignedCertificate().certificatePath()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes a kubeconfig whose only context, {@code mock}, reaches this server with a bearer token and names
     * {@code namespace}; plain HTTP only.
     */
    public void writeKubeconfig(Path file, String namespace) throws IOException {
        if (https) {
            throw new IllegalStateException("writeKubeconfig covers the plain HTTP server only");
        }
        Files.writeString(
                file,
                """
                apiVersion: v1
                kind: Config
                current-context: mock
                clusters:
                - name: mock
                  cluster: {server: "%s"}
                users:
                - name: tester
                  user: {token: tester-token}
                contexts:
                - name: mock
                  context: {cluster: mock, user: tester, namespace: %s}
                """
                        .formatted(url(), namespace));
    }

    /**
     * Canned answers that come before the stored objects, e.g. {@code expect().put().withPath(p).andReturn(403,
     * status).once()}: how a test makes the server refuse or fail one request.
     */
    public MockServerExpectation expect() {
        return server.expect();
    }

    /** Every request received since the last call, oldest first. */
    public List<RecordedRequest> takeRequests() throws InterruptedException {
        List<RecordedRequest> requests = new ArrayList<>();
        RecordedRequest request;
        while ((request = server.takeRequest(20, TimeUnit.MILLISECONDS)) != null) {
            requests.add(request);
        }
        return requests;
    }
}
