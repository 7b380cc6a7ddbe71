package io.jenkins.plugins.imagestreams.registry.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * A loopback server that plays a script on each connection it accepts, byte by byte as HTTP/1.1 allows and as no real
 * server would: chunks with extensions and trailers, early answers, connections closed while kept. It records the
 * request heads it read.
 */
final class ScriptedServer implements AutoCloseable {
    /** What one connection does; the {@code index} counts connections from 0. */
    @FunctionalInterface
    interface Script {
        void play(Socket socket, int index, ScriptedServer server) throws IOException;
    }

    private final ServerSocket socket;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<String> heads = new CopyOnWriteArrayList<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();

    ScriptedServer(Script script) {
        this(InetAddress.getLoopbackAddress(), null, script);
    }

    /**
     * A server on {@code address} (a loopback one), speaking TLS with {@code tls}'s key when it is not {@code null}.
     */
    ScriptedServer(InetAddress address, SSLContext tls, Script script) {
        try {
            socket = tls == null
                    ? new ServerSocket(0, 50, address)
                    : tls.getServerSocketFactory().createServerSocket(0, 50, address);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket accepted = socket.accept();
                    int index = connections.getAndIncrement();
                    Thread worker = new Thread(() -> {
                        try (accepted) {
                            script.play(accepted, index, this);
                        } catch (IOException | RuntimeException e) {
                            failures.add(e);
                        }
                    });
                    worker.setDaemon(true);
                    worker.start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + socket.getLocalPort() + path;
    }

    /** The {@code https} URL of {@code path} on this server, naming its host as {@code host}. */
    String httpsUrl(String host, String path) {
        return "https://" + host + ":" + socket.getLocalPort() + path;
    }

    int port() {
        return socket.getLocalPort();
    }

    /** How many connections it accepted. */
    int connections() {
        return connections.get();
    }

    /** The request heads read so far, each without its blank line. */
    List<String> heads() {
        return heads;
    }

    /**
     * Reads a request head up to its blank line, records it, and returns its Content-Length (0 when it has none), or -1
     * when the client closed the connection before another request.
     */
    long readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int state = 0;
        while (state < 4) {
            int b = in.read();
            if (b < 0 && head.size() == 0) {
                return -1;
            }
            if (b < 0) {
                throw new IOException("the client closed the connection within a request head");
            }
            head.write(b);
            state = (b == '\r' && state % 2 == 0) || (b == '\n' && state % 2 == 1) ? state + 1 : 0;
        }
        String text = head.toString(StandardCharsets.ISO_8859_1).trim();
        heads.add(text);
        for (String line : text.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                return Long.parseLong(line.substring(15).trim());
            }
        }
        return 0;
    }

    /** Reads and counts {@code length} bytes of a request body. */
    static long readBody(InputStream in, long length) throws IOException {
        long read = 0;
        byte[] buffer = new byte[64 * 1024];
        while (read < length) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, length - read));
            if (n < 0) {
                break;
            }
            read += n;
        }
        return read;
    }

    static void write(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
    }

    /** What went wrong on the server's side, for a test to assert there was nothing. */
    List<Throwable> failures() {
        return failures;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
