package io.jenkins.plugins.imagestreams.registry.transport;

import java.net.URI;
import javax.net.ssl.SSLContext;

/**
 * Where a {@link Connection} goes: host and port, and the TLS settings it speaks with (none for plain HTTP). Two
 * requests may share a connection only when their routes are equal.
 */
final class Route {
    private final String host;
    private final int port;
    private final SSLContext tls;

    private Route(String host, int port, SSLContext tls) {
        this.host = host;
        this.port = port;
        this.tls = tls;
    }

    /**
     * The route to {@code uri}'s host and port (80 or 443 by default).
     *
     * @param tls the TLS settings for an {@code https} URI; ignored for {@code http}
     */
    static Route of(URI uri, SSLContext tls) {
        boolean secure = "https".equalsIgnoreCase(uri.getScheme());
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : secure ? 443 : 80;
        return new Route(host, port, secure ? tls : null);
    }

    String host() {
        return host;
    }

    int port() {
        return port;
    }

    /** The TLS settings, or {@code null} for plain HTTP. */
    SSLContext tls() {
        return tls;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Route route && port == route.port && host.equals(route.host) && tls == route.tls;
    }

    @Override
    public int hashCode() {
        return host.hashCode() * 31 + port;
    }

    @Override
    public String toString() {
        return (tls == null ? "http://" : "https://") + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
