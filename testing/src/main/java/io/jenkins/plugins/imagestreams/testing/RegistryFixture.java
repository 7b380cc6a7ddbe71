package io.jenkins.plugins.imagestreams.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A real CNCF distribution registry ({@code /usr/bin/docker-registry}) on {@code 127.0.0.1} with a free port, its own
 * config and storage in a temporary directory.
 *
 * <p>Use it as a JUnit rule ({@code @Rule}/{@code @ClassRule}: started before, closed after) or with
 * try-with-resources after {@link #start()}. Variants come from {@link #builder()}: basic auth, TLS with a test CA,
 * token auth with a loopback {@link TokenIssuer}, webhook notifications; delete is always enabled.
 */
public final class RegistryFixture extends LoopbackServer implements RegistryEndpoint {
    private final Builder options;
    private Path workDir;
    private int port;
    private TestCertificates.ServerTls tls;
    private TokenIssuer tokenIssuer;
    private RegistryProcess process;

    private RegistryFixture(Builder options) {
        this.options = options;
    }

    /** A plain-HTTP registry without auth (not started yet). */
    public static RegistryFixture plain() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Chooses a registry variant; the options combine, except basic auth with token auth. */
    public static final class Builder {
        private String user;
        private String password;
        private boolean token;
        private boolean tls;
        private URI notifications;
        private boolean accessLog;

        private Builder() {}

        /** htpasswd (bcrypt) basic auth with one user. */
        public Builder basicAuth(String user, String password) {
            return credentials(user, password, false);
        }

        /** Token auth: a loopback {@link TokenIssuer} gives {@code user} pull+push, anonymous pull only. */
        public Builder token(String user, String password) {
            return credentials(user, password, true);
        }

        /** HTTPS with a server certificate from a fresh test CA (see {@link RegistryFixture#caCertificate()}). */
        public Builder tls() {
            this.tls = true;
            return this;
        }

        /** Posts event envelopes (push, delete, mount; never pull) to {@code endpoint}. */
        public Builder notifications(URI endpoint) {
            this.notifications = Objects.requireNonNull(endpoint, "endpoint");
            return this;
        }

        /** Lets the registry log every request into {@link RegistryFixture#log()} (off by default). */
        public Builder accessLog() {
            this.accessLog = true;
            return this;
        }

        public RegistryFixture build() {
            return new RegistryFixture(this);
        }

        private Builder credentials(String user, String password, boolean token) {
            if (this.user != null) {
                throw new IllegalStateException(
                        "a registry has one auth method; basicAuth and token exclude each other");
            }
            if (user == null || user.isEmpty() || user.contains(":") || password == null || password.isEmpty()) {
                throw new IllegalArgumentException("user must be non-empty without ':' and password non-empty");
            }
            this.user = user;
            this.password = password;
            this.token = token;
            return this;
        }
    }

    /**
     * Starts the registry (and its token issuer) if not running yet.
     *
     * @return this fixture
     * @throws AssertionError or {@code AssumptionViolatedException} if the registry tools are missing
     * @throws IllegalStateException with the registry's log if it does not come up
     */
    @Override
    public synchronized RegistryFixture start() {
        if (process != null) {
            return this;
        }
        RequiredTools.check(RegistryProcess.BINARY);
        workDir = TempDirs.create("registry-fixture-");
        try {
            Files.createDirectories(storageDir());
            Path htpasswd = options.user != null && !options.token
                    ? Htpasswd.write(workDir, options.user, options.password)
                    : null;
            if (options.tls) {
                tls = TestCertificates.serverTls(workDir.resolve("tls"));
            }
            TestCertificates.SigningKey signingKey = null;
            if (options.token) {
                signingKey = TestCertificates.signingKey(workDir.resolve("token"));
                tokenIssuer = TokenIssuer.start(options.user, options.password, signingKey);
            }
            launch(htpasswd, signingKey);
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
        return this;
    }

    private void launch(Path htpasswd, TestCertificates.SigningKey signingKey) {
        RuntimeException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            port = freePort();
            RegistryConfig config = new RegistryConfig(
                    port,
                    storageDir(),
                    htpasswd,
                    tls,
                    tokenIssuer == null ? null : tokenIssuer.realm(),
                    signingKey == null ? null : signingKey.certificate(),
                    options.notifications,
                    options.accessLog);
            config.writeTo(configFile());
            try {
                process = RegistryProcess.start(
                        configFile(), logFile(), url(), sslContext().orElse(null));
                return;
            } catch (IllegalStateException e) {
                last = e;
                if (!log().contains("address already in use")) {
                    throw e;
                }
            }
        }
        throw last;
    }

    /** Stops the registry process; storage, port and token issuer stay for {@link #restart()}. */
    public synchronized void stop() {
        if (process != null) {
            process.stop();
            process = null;
        }
    }

    /** Starts the registry again on the same port with the same storage. */
    public synchronized void restart() {
        if (workDir == null) {
            throw new IllegalStateException("the registry was never started; call start() first");
        }
        stop();
        process = RegistryProcess.start(
                configFile(), logFile(), url(), sslContext().orElse(null));
    }

    /**
     * Gives the basic-auth user a new password and restarts the registry, which then refuses the old one: a
     * registry whose tokens expire, as ECR's 12-hour ones do.
     */
    public synchronized void changePassword(String newPassword) throws IOException {
        if (options.user == null || options.token) {
            throw new IllegalStateException("only a basic-auth registry has a password to change");
        }
        if (workDir == null) {
            throw new IllegalStateException("the registry was never started; call start() first");
        }
        Htpasswd.write(workDir, options.user, newPassword);
        options.password = newPassword;
        restart();
    }

    /** Stops the registry and token issuer and deletes the temporary directory. Idempotent. */
    @Override
    public synchronized void close() {
        stop();
        if (tokenIssuer != null) {
            tokenIssuer.close();
        }
        TempDirs.deleteRecursively(workDir);
    }

    @Override
    public String host() {
        return "127.0.0.1:" + port();
    }

    public int port() {
        requireStarted();
        return port;
    }

    @Override
    public URI url() {
        return URI.create((isTls() ? "https" : "http") + "://" + host());
    }

    @Override
    public boolean isTls() {
        return options.tls;
    }

    @Override
    public Optional<Path> caCertificate() {
        return Optional.ofNullable(tls).map(TestCertificates.ServerTls::caCertificate);
    }

    @Override
    public Optional<String> username() {
        return Optional.ofNullable(options.user);
    }

    @Override
    public Optional<String> password() {
        return Optional.ofNullable(options.password);
    }

    /** The token issuer of a {@link Builder#token} registry. */
    public Optional<TokenIssuer> tokenIssuer() {
        return Optional.ofNullable(tokenIssuer);
    }

    /** The temporary directory holding config, storage, certificates and log. */
    public Path workDir() {
        requireStarted();
        return workDir;
    }

    public Path storageDir() {
        return workDir().resolve("storage");
    }

    /** Everything the registry process wrote to stdout and stderr, over all its starts. */
    public String log() {
        return RegistryProcess.read(logFile());
    }

    /** The running registry process, for measuring what it uses. */
    public synchronized ProcessHandle processHandle() {
        if (process == null) {
            throw new IllegalStateException("the registry is not running");
        }
        return ProcessHandle.of(process.pid())
                .orElseThrow(() -> new IllegalStateException("the registry process has exited"));
    }

    /** Whether the registry process is running. */
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** A reference to {@code repoAndTag} ({@code demo/app:1.0} or {@code demo/app@sha256:...}) here, as text. */
    public String reference(String repoAndTag) {
        return host() + "/" + repoAndTag;
    }

    private Path configFile() {
        return workDir().resolve("config.yml");
    }

    private Path logFile() {
        return workDir().resolve("registry.log");
    }

    private void requireStarted() {
        if (workDir == null) {
            throw new IllegalStateException("the registry is not started; use it as a @Rule or call start()");
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    @Override
    public String toString() {
        String auth = options.token ? "token" : options.user != null ? "basic" : "anonymous";
        return "RegistryFixture[" + (workDir == null ? "not started" : url()) + ", " + auth
                + (options.user == null ? "" : ", user=" + options.user + ", password=****") + "]";
    }
}
