package io.jenkins.plugins.imagestreams.registry.transport;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpConnectTimeoutException;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * One HTTP/1.1 connection on a blocking socket, plain or TLS, used by one exchange at a time. TLS verifies the
 * server's certificate and host name ({@code HTTPS} endpoint identification) against the route's settings, as the
 * JDK's HTTP client does.
 */
final class Connection implements Closeable {
    private static final int HEAD_BUFFER = 8 * 1024;

    private final Route route;
    private final Socket socket;
    private final BufferedInputStream in;
    private final OutputStream out;
    private boolean reused;
    private long idleSince;

    private Connection(Route route, Socket socket) throws IOException {
        this.route = route;
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), HEAD_BUFFER);
        this.out = new BufferedOutputStream(socket.getOutputStream(), HEAD_BUFFER);
    }

    /**
     * Connects to {@code route}, with the TLS handshake done.
     *
     * @throws HttpConnectTimeoutException when the connection is not made within {@code connectTimeout}
     * @throws javax.net.ssl.SSLException when the TLS handshake fails
     */
    static Connection open(Route route, Duration connectTimeout, Duration readTimeout) throws IOException {
        Socket plain = new Socket();
        try {
            try {
                plain.connect(new InetSocketAddress(route.host(), route.port()), millis(connectTimeout));
            } catch (SocketTimeoutException e) {
                HttpConnectTimeoutException timeout = new HttpConnectTimeoutException(
                        "no connection to " + route + " within " + connectTimeout.toMillis() + " ms");
                timeout.initCause(e);
                throw timeout;
            }
            plain.setTcpNoDelay(true);
            plain.setSoTimeout(millis(readTimeout));
            Socket socket = route.tls() == null ? plain : handshake(plain, route);
            return new Connection(route, socket);
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    private static SSLSocket handshake(Socket plain, Route route) throws IOException {
        SSLSocket socket =
                (SSLSocket) route.tls().getSocketFactory().createSocket(plain, route.host(), route.port(), true);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        parameters.setApplicationProtocols(new String[] {"http/1.1"});
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        return socket;
    }

    /** A socket's timeout in milliseconds: 0, which waits for ever, for a zero duration; at least 1 otherwise. */
    private static int millis(Duration timeout) {
        return timeout.isZero() ? 0 : (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
    }

    Route route() {
        return route;
    }

    InputStream in() {
        return in;
    }

    OutputStream out() {
        return out;
    }

    /** How long a read may wait for data before it fails. */
    void readTimeout(Duration timeout) throws IOException {
        socket.setSoTimeout(millis(timeout));
    }

    /**
     * Waits for the first byte of an answer without taking it.
     *
     * @return false when the peer closed the connection first
     */
    boolean answerArrives() throws IOException {
        in.mark(1);
        int first = in.read();
        in.reset();
        return first >= 0;
    }

    /** Whether it carried an exchange before this one. */
    boolean reused() {
        return reused;
    }

    /** Marks it idle from {@code nanoTime}, between two exchanges. */
    void idleSince(long nanoTime) {
        reused = true;
        idleSince = nanoTime;
    }

    long idleSince() {
        return idleSince;
    }

    Optional<SSLSession> session() {
        return socket instanceof SSLSocket tls ? Optional.of(tls.getSession()) : Optional.empty();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing more to release
        }
    }
}
