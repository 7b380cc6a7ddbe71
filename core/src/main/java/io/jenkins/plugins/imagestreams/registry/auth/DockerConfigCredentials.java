package io.jenkins.plugins.imagestreams.registry.auth;

import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.registry.AuthScheme;
import io.jenkins.plugins.imagestreams.registry.Credentials;
import io.jenkins.plugins.imagestreams.registry.CredentialsProvider;
import io.jenkins.plugins.imagestreams.registry.CredentialsUnavailableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Credentials from the auth files that {@code docker login}, {@code podman login} and {@code skopeo login} write, as
 * those tools read them.
 *
 * <p>Each file is asked in turn, and the first that has credentials for the repository gives them. Within a file:
 * the credential helper {@code credHelpers} names for the registry; else the most specific {@code auths} key
 * ({@code quay.io/team/app}, {@code quay.io/team}, {@code quay.io}) with {@code auth} (base64 of
 * {@code user:password}), {@code username}/{@code password} or {@code identitytoken}; else the {@code credsStore}
 * helper. An identity token is used for the bearer token flow only; a Basic registry gets the entry's user name and
 * password. Helpers ({@code docker-credential-<name> get}) are run with a time limit and their answers kept for
 * {@value #HELPER_ANSWER_MINUTES} minutes, or until the registry refuses them ({@link #refresh}).
 *
 * @see #lookupOrder(Map, Path)
 */
public final class DockerConfigCredentials implements CredentialsProvider {
    static final long HELPER_ANSWER_MINUTES = 5;
    static final Duration HELPER_TIMEOUT = Duration.ofSeconds(30);
    /** The server URL Docker stores Docker Hub's credentials under, also in credential helpers. */
    static final String DOCKER_HUB_SERVER = "https://index.docker.io/v1/";

    /** A file to read, and whether it has the legacy {@code ~/.dockercfg} form. */
    public record AuthPath(Path path, boolean legacy) {}

    private record Answer(Optional<Credentials> credentials, Instant at) {}

    private final List<AuthFile> files;
    private final Map<String, String> env;
    private final Duration helperTimeout;
    private final Clock clock;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();

    DockerConfigCredentials(List<AuthFile> files, Map<String, String> env, Duration helperTimeout, Clock clock) {
        this.files = List.copyOf(files);
        this.env = Map.copyOf(env);
        this.helperTimeout = helperTimeout;
        this.clock = clock;
    }

    /** {@link #fromEnvironment(Map)} for this process. */
    public static DockerConfigCredentials fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /**
     * The auth files of {@link #lookupOrder(Map, Path)} for {@code env}, with the home folder from {@code $HOME} (else
     * Java's {@code user.home}); helpers run with {@code env} and are found on its {@code PATH}. Missing files give no
     * credentials.
     *
     * @throws UncheckedIOException when a file exists but cannot be read or is malformed, naming it
     */
    public static DockerConfigCredentials fromEnvironment(Map<String, String> env) {
        String home = env.get("HOME");
        return fromEnvironment(
                env, home != null && !home.isBlank() ? Path.of(home) : Path.of(System.getProperty("user.home")));
    }

    /** As {@link #fromEnvironment(Map)} with the home folder given. */
    public static DockerConfigCredentials fromEnvironment(Map<String, String> env, Path home) {
        List<AuthFile> files = new ArrayList<>();
        for (AuthPath path : lookupOrder(env, home)) {
            if (Files.isRegularFile(path.path())) {
                files.add(read(path));
            }
        }
        return new DockerConfigCredentials(files, env, HELPER_TIMEOUT, Clock.systemUTC());
    }

    /**
     * Where credentials are looked for, first to last, as skopeo and podman look (containers/image), Docker's own
     * file included: {@code $REGISTRY_AUTH_FILE} alone when set; else {@code $XDG_RUNTIME_DIR/containers/auth.json}
     * (without {@code XDG_RUNTIME_DIR}: {@code /run/containers/<uid>/auth.json}), then
     * {@code $XDG_CONFIG_HOME/containers/auth.json} ({@code ~/.config/containers/auth.json}), then
     * {@code $DOCKER_CONFIG/config.json} ({@code ~/.docker/config.json}), then the legacy {@code ~/.dockercfg}.
     */
    public static List<AuthPath> lookupOrder(Map<String, String> env, Path home) {
        String authFile = env.get("REGISTRY_AUTH_FILE");
        if (authFile != null && !authFile.isBlank()) {
            return List.of(new AuthPath(Path.of(authFile), false));
        }
        List<AuthPath> paths = new ArrayList<>();
        String runtime = env.get("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isBlank()) {
            paths.add(new AuthPath(Path.of(runtime, "containers", "auth.json"), false));
        } else {
            uid().ifPresent(uid -> paths.add(new AuthPath(Path.of("/run/containers", uid, "auth.json"), false)));
        }
        String configHome = env.get("XDG_CONFIG_HOME");
        Path config = configHome != null && !configHome.isBlank() ? Path.of(configHome) : home.resolve(".config");
        paths.add(new AuthPath(config.resolve("containers").resolve("auth.json"), false));
        String dockerConfig = env.get("DOCKER_CONFIG");
        Path docker = dockerConfig != null && !dockerConfig.isBlank() ? Path.of(dockerConfig) : home.resolve(".docker");
        paths.add(new AuthPath(docker.resolve("config.json"), false));
        paths.add(new AuthPath(home.resolve(".dockercfg"), true));
        return List.copyOf(paths);
    }

    private static Optional<String> uid() {
        try {
            return Optional.of(String.valueOf(Files.getAttribute(Path.of("/proc/self"), "unix:uid")));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Reads one auth file in the current form ({@code config.json}, {@code auth.json}); its helpers are found on this
     * process's {@code PATH}.
     *
     * @throws UncheckedIOException when it cannot be read or is not a JSON object with valid entries, naming it
     */
    public static DockerConfigCredentials read(Path file) {
        return read(file, System.getenv());
    }

    /** As {@link #read(Path)}, with helpers run with {@code env} and found on its {@code PATH}. */
    public static DockerConfigCredentials read(Path file, Map<String, String> env) {
        return new DockerConfigCredentials(
                List.of(read(new AuthPath(file, false))), env, HELPER_TIMEOUT, Clock.systemUTC());
    }

    private static AuthFile read(AuthPath path) {
        try {
            return AuthFile.parse(Files.readAllBytes(path.path()), path.path().toString(), path.legacy());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read registry auth file " + path.path() + ": " + e.getMessage(), e);
        }
    }

    /** One file's bytes, with no helper reachable (an empty {@code PATH}). */
    static DockerConfigCredentials parse(byte[] json) throws IOException {
        return new DockerConfigCredentials(
                List.of(AuthFile.parse(json, "auth file", false)),
                Map.of("PATH", ""),
                HELPER_TIMEOUT,
                Clock.systemUTC());
    }

    /** The same files, with helpers given {@code timeout} and answers aged by {@code clock}. */
    DockerConfigCredentials with(Duration timeout, Clock otherClock) {
        return new DockerConfigCredentials(files, env, timeout, otherClock);
    }

    /** {@code https://host:port/v1/} → {@code host:port}; Docker Hub's names → {@code docker.io}. */
    static String normalize(String registry) {
        return AuthFile.normalizeKey(registry, true);
    }

    /** The registry's own credentials, as for a bearer token; see {@link #forRepository}. */
    @Override
    public Optional<Credentials> forRegistry(String registry) {
        return lookup(normalize(registry), "", AuthScheme.BEARER);
    }

    /**
     * The credentials of the first file that has some for the repository, as the class comment says.
     *
     * @throws CredentialsUnavailableException when a helper that is to be asked is missing, fails or times out,
     *     naming it and the file that names it
     */
    @Override
    public Optional<Credentials> forRepository(ImageReference ref, AuthScheme scheme) {
        return lookup(normalize(ref.registry()), ref.repository(), scheme);
    }

    private Optional<Credentials> lookup(String registry, String repository, AuthScheme scheme) {
        for (AuthFile file : files) {
            Optional<String> helper = file.credHelper(registry);
            if (helper.isPresent()) {
                Optional<Credentials> found = ask(helper.get(), registry, file, "credHelpers");
                if (found.isPresent()) {
                    return found;
                }
                continue;
            }
            Optional<Credentials> entry = file.entry(registry, repository).flatMap(e -> e.forScheme(scheme));
            if (entry.isPresent()) {
                return entry;
            }
            if (file.credsStore().isPresent()) {
                Optional<Credentials> found = ask(file.credsStore().get(), registry, file, "credsStore");
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private Optional<Credentials> ask(String helper, String registry, AuthFile file, String field) {
        String server = registry.equals(ImageReference.DOCKER_HUB) ? DOCKER_HUB_SERVER : registry;
        String key = helper + " " + server;
        Answer kept = answers.get(key);
        Instant now = clock.instant();
        if (kept != null && now.isBefore(kept.at().plus(Duration.ofMinutes(HELPER_ANSWER_MINUTES)))) {
            return kept.credentials();
        }
        Optional<Credentials> fresh;
        try {
            fresh = new CredentialHelper(helper, env, helperTimeout).get(server);
        } catch (CredentialsUnavailableException e) {
            throw new CredentialsUnavailableException(
                    e.getMessage() + " (named by " + field + " in " + file.source() + ")", e);
        }
        answers.put(key, new Answer(fresh, now));
        return fresh;
    }

    /** Forgets what helpers answered for {@code ref}'s registry; true when there was such an answer. */
    @Override
    public boolean refresh(ImageReference ref) {
        String registry = normalize(ref.registry());
        String server = registry.equals(ImageReference.DOCKER_HUB) ? DOCKER_HUB_SERVER : registry;
        return answers.entrySet()
                .removeIf(a -> a.getKey().endsWith(" " + server)
                        && a.getValue().credentials().isPresent());
    }

    /** The files read, in lookup order. */
    public List<Path> files() {
        return files.stream().map(f -> Path.of(f.source())).toList();
    }

    @Override
    public String toString() {
        return "DockerConfigCredentials" + files;
    }
}
