package io.jenkins.plugins.imagestreams.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A loopback HTTP/1.1 proxy in front of a plain-HTTP registry that injects faults for resilience tests: error statuses,
 * 429 with {@code Retry-After}, connection resets, stalls, truncated and oversize bodies, rewritten digests; and,
 * to stand in for registries with more features, rewritten paths and added response headers.
 *
 * <p>Clients address the proxy as if it were the registry ({@link #host()}, {@link #url()}); requests keep the
 * client's {@code Host} (the proxy's address), so the registry's absolute {@code Location} URLs point back at the
 * proxy. Bodies are streamed in both directions and client connections are kept alive. The proxy records every
 * request, with the body bytes uploaded, for assertions such as "no layer bytes moved".
 */
public final class FaultProxy extends LoopbackServer implements RegistryEndpoint {
    private final RegistryEndpoint upstream;
    private final List<FaultRule> rules = new CopyOnWriteArrayList<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final Set<Socket> openSockets = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger serving = new AtomicInteger();
    private final AtomicInteger mostServed = new AtomicInteger();
    private ServerSocket server;
    private ExecutorService workers;
    private InetSocketAddress upstreamAddress;

    private FaultProxy(RegistryEndpoint upstream) {
        this.upstream = upstream;
    }

    /** A proxy (not started yet) in front of the plain-HTTP {@code registry}; its credentials pass through. */
    public static FaultProxy inFrontOf(RegistryEndpoint registry) {
        return new FaultProxy(registry);
    }

    /**
     * Starts listening on a free loopback port, if not started yet.
     *
     * @throws IllegalArgumentException if the upstream registry uses TLS
     */
    @Override
    public synchronized FaultProxy start() {
        if (server != null) {
            return this;
        }
        if (upstream.isTls()) {
            throw new IllegalArgumentException(
                    "FaultProxy relays plain HTTP only; put it in front of a non-TLS registry");
        }
        URI url = upstream.url();
        upstreamAddress = new InetSocketAddress(url.getHost(), url.getPort());
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on loopback", e);
        }
        workers = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "fault-proxy-" + server.getLocalPort());
            thread.setDaemon(true);
            return thread;
        });
        workers.execute(this::acceptLoop);
        return this;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                connections.incrementAndGet();
                openSockets.add(client);
                workers.execute(new ProxyConnection(this, client));
            } catch (IOException e) {
                return;
            }
        }
    }

    /** Adds a rule after the existing ones; the first rule that takes a request decides its fault. */
    public FaultRule add(FaultRule rule) {
        rules.add(rule);
        return rule;
    }

    /** Removes all rules: every later request is forwarded untouched. */
    public void clearRules() {
        rules.clear();
    }

    /** Every request received so far, in order. */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** How many requests had {@code method} ({@code "*"} for any) and a path fully matching {@code pathRegex}. */
    public int requestCount(String method, String pathRegex) {
        Pattern path = Pattern.compile(pathRegex);
        return (int) requests.stream()
                .filter(r -> method.equals("*") || r.method().equalsIgnoreCase(method))
                .filter(r -> path.matcher(r.path()).matches())
                .count();
    }

    /** Request body bytes clients sent through the proxy (PATCH/PUT/POST payloads), since the last clear. */
    public long uploadedBytes() {
        return requests.stream().mapToLong(RecordedRequest::uploadedBytes).sum();
    }

    /** Forgets the recorded requests (rules stay). */
    public void clearRequests() {
        requests.clear();
    }

    /** The most requests the proxy was serving at one time, from reading a request's head to answering it whole. */
    public int mostServedAtOnce() {
        return mostServed.get();
    }

    /** How many TCP connections clients opened; with keep-alive, fewer than requests. */
    public int connectionsAccepted() {
        return connections.get();
    }

    @Override
    public String host() {
        return "127.0.0.1:" + port();
    }

    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("the proxy is not started; use it as a @Rule or call start()");
        }
        return server.getLocalPort();
    }

    @Override
    public URI url() {
        return URI.create("http://" + host());
    }

    @Override
    public boolean isTls() {
        return false;
    }

    @Override
    public Optional<Path> caCertificate() {
        return Optional.empty();
    }

    @Override
    public Optional<String> username() {
        return upstream.username();
    }

    @Override
    public Optional<String> password() {
        return upstream.password();
    }

    /** Stops listening and closes every open connection. Idempotent. */
    @Override
    public synchronized void close() {
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket socket : new ArrayList<>(openSockets)) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        workers.shutdownNow();
    }

    InetSocketAddress upstreamAddress() {
        return upstreamAddress;
    }

    Fault faultFor(String method, String path) {
        for (FaultRule rule : rules) {
            if (rule.take(method, path)) {
                return rule.fault();
            }
        }
        return null;
    }

    /** A request's head was read: it is being served until {@link #served()}. */
    void serving() {
        mostServed.accumulateAndGet(serving.incrementAndGet(), Math::max);
    }

    void served() {
        serving.decrementAndGet();
    }

    void record(RecordedRequest request) {
        requests.add(request);
    }

    void forget(Socket socket) {
        openSockets.remove(socket);
    }

    @Override
    public String toString() {
        return "FaultProxy[" + (server == null ? "not started" : url()) + " -> " + upstream.url() + "]";
    }
}
