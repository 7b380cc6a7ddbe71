package io.jenkins.plugins.imagestreams.registry;

import io.jenkins.plugins.imagestreams.metrics.Metrics;
import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.registry.auth.Authenticator;
import io.jenkins.plugins.imagestreams.registry.endpoint.BlobEndpoint;
import io.jenkins.plugins.imagestreams.registry.endpoint.ManifestEndpoint;
import io.jenkins.plugins.imagestreams.registry.endpoint.ReferrersEndpoint;
import io.jenkins.plugins.imagestreams.registry.endpoint.TagsEndpoint;
import io.jenkins.plugins.imagestreams.registry.endpoint.UploadEndpoint;
import io.jenkins.plugins.imagestreams.registry.model.Manifest;
import io.jenkins.plugins.imagestreams.registry.model.PushedManifest;
import io.jenkins.plugins.imagestreams.registry.model.ReferrersIndex;
import io.jenkins.plugins.imagestreams.registry.transport.HttpClients;
import io.jenkins.plugins.imagestreams.registry.transport.Transport;
import io.jenkins.plugins.imagestreams.time.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * The one way Image Streams talks to OCI registries: resolve, read, list, push, mount, upload and download, with the
 * distribution protocol's authentication, TLS per registry, limits, retries and digest checks built in. Thread-safe;
 * share one per process.
 *
 * <p>Every method retries failures whose {@link RegistryException#isRetryable()} is true, as the {@link RetryPolicy}
 * allows, and then throws the last failure.
 */
public final class RegistryClient implements AutoCloseable {
    private final RetryPolicy retryPolicy;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final ManifestEndpoint manifests;
    private final TagsEndpoint tags;
    private final ReferrersEndpoint referrers;
    private final BlobEndpoint blobs;
    private final UploadEndpoint uploads;
    private final HttpClients clients;

    private RegistryClient(Builder b) {
        this.retryPolicy = b.retryPolicy;
        this.sleeper = b.sleeper;
        this.random = b.random;
        this.clients = new HttpClients(b.connectTimeout);
        Authenticator authenticator =
                new Authenticator(b.credentials, clients, b.configs, b.clock, b.requestTimeout, b.userAgent);
        Transport transport = new Transport(
                clients,
                b.configs,
                authenticator,
                b.clock,
                b.sleeper,
                b.requestTimeout,
                b.retryPolicy.maxRetryAfter(),
                b.userAgent,
                b.metrics);
        this.manifests = new ManifestEndpoint(transport);
        this.tags = new TagsEndpoint(transport);
        this.referrers = new ReferrersEndpoint(transport);
        this.blobs = new BlobEndpoint(transport);
        this.uploads = new UploadEndpoint(transport, b.monolithicUploadLimit);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The digest {@code ref} points at now, by one {@code HEAD} with the full Accept set; only when the registry omits
     * {@code Docker-Content-Digest} is the manifest fetched and hashed.
     *
     * @throws RegistryException {@link ErrorCode#MANIFEST_UNKNOWN} for a missing tag, {@link ErrorCode#DIGEST_MISMATCH}
     *     when the answer contradicts a digest in {@code ref}, and the other codes as the registry reports them
     */
    public Digest resolve(ImageReference ref) throws RegistryException {
        return resolve(ref, Optional.empty());
    }

    /**
     * The digest {@code ref} points at now, as {@link #resolve(ImageReference)}, asking the registry whether it still
     * points at {@code lastKnown}: the {@code HEAD} carries {@code If-None-Match: "<lastKnown>"}, the entity tag
     * registries give a manifest. A registry that finds the tag unchanged answers {@code 304 Not Modified} without
     * reading the manifest (CNCF distribution compares before it loads it), and {@code lastKnown} is returned; any
     * other registry answers as to a plain {@code HEAD}. Still one request per check, and a cheaper one for the
     * registry in the common case of a tag that did not move.
     *
     * @throws RegistryException as {@link #resolve(ImageReference)}
     */
    public Digest resolve(ImageReference ref, Optional<Digest> lastKnown) throws RegistryException {
        Objects.requireNonNull(lastKnown, "lastKnown");
        return retrying(() -> manifests.resolve(ref, lastKnown));
    }

    /**
     * The manifest or index {@code ref} points at, byte for byte, verified against the digest in {@code ref} or else
     * the announced {@code Docker-Content-Digest}; at most 4 MiB.
     *
     * @throws RegistryException {@link ErrorCode#DIGEST_MISMATCH} when the body does not hash as expected,
     *     {@link ErrorCode#TOO_LARGE} past 4 MiB, {@link ErrorCode#MANIFEST_UNKNOWN} when missing
     */
    public Manifest getManifest(ImageReference ref) throws RegistryException {
        return retrying(() -> manifests.get(ref));
    }

    /**
     * Every tag of {@code repository} (its tag and digest are ignored), following {@code Link} pages, in the
     * registry's order; a repository whose tags were all deleted has none.
     */
    public List<String> listTags(ImageReference repository) throws RegistryException {
        return retrying(() -> tags.list(repository));
    }

    /**
     * Pushes the manifest's exact bytes under {@code target}'s tag (or its digest when it has no tag), with
     * {@code Content-Type} = the manifest's media type. An index's children and a manifest's blobs must be in the
     * repository first.
     *
     * @return the manifest's digest, which the registry confirmed when it announced one
     * @throws RegistryException {@link ErrorCode#DIGEST_MISMATCH} when the registry stored other bytes,
     *     {@link ErrorCode#MANIFEST_BLOB_UNKNOWN} when something it references is missing
     * @throws IllegalArgumentException when {@code target} carries a digest other than the manifest's
     */
    public Digest putManifest(ImageReference target, Manifest manifest) throws RegistryException {
        return pushManifest(target, manifest).digest();
    }

    /**
     * Pushes a manifest as {@link #putManifest} does, and says what the registry answered: the digest, and whether it
     * listed the manifest as a referrer of its {@code subject} ({@code OCI-Subject}). When it did not, a client that
     * pushed a manifest with a subject keeps the referrers tag of that subject up to date itself.
     *
     * @throws RegistryException as {@link #putManifest}
     * @see <a href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md#pushing-manifests-with-subject">
     *     Pushing Manifests with Subject</a>
     */
    public PushedManifest pushManifest(ImageReference target, Manifest manifest) throws RegistryException {
        Objects.requireNonNull(manifest, "manifest");
        return retrying(() -> manifests.put(target, manifest));
    }

    /**
     * The manifests in {@code repository} (its tag and digest are ignored) whose {@code subject} is {@code subject},
     * by the referrers API, every page merged. Empty when the registry has no referrers API: it answered {@code 404},
     * or something other than an image index; a client then reads the index under the referrers tag schema's tag
     * ({@link io.jenkins.plugins.imagestreams.registry.model.AttachmentTags#referrersTag}).
     *
     * @throws RegistryException when the registry refuses the request or sends an index that cannot be read
     *     ({@link ErrorCode#MANIFEST_INVALID})
     * @see <a href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md#listing-referrers">Listing
     *     Referrers</a>
     */
    public Optional<ReferrersIndex> listReferrers(ImageReference repository, Digest subject) throws RegistryException {
        Objects.requireNonNull(subject, "subject");
        return retrying(() -> referrers.list(repository, subject));
    }

    /** Whether {@code repository} holds {@code blob}, by {@code HEAD}. */
    public boolean blobExists(ImageReference repository, Digest blob) throws RegistryException {
        return retrying(() -> blobs.exists(repository, blob));
    }

    /**
     * Links {@code blob} from {@code fromRepository} (same registry) into {@code target}'s repository without copying.
     *
     * @return {@code true} when mounted; {@code false} when the registry declined (the source lacks the blob, or
     *     mounting is unsupported) and the upload session it opened instead was cancelled: upload the blob then
     */
    public boolean mountBlob(ImageReference target, Digest blob, String fromRepository) throws RegistryException {
        return retrying(() -> uploads.mount(target, blob, fromRepository));
    }

    /**
     * Uploads {@code size} bytes from {@code source} as {@code blob} into {@code target}'s repository, streamed; the
     * registry verifies the digest. A retry opens {@code source} again.
     *
     * @throws RegistryException {@link ErrorCode#DIGEST_INVALID} when the content does not match {@code blob}
     */
    public void uploadBlob(ImageReference target, Digest blob, long size, BlobSource source) throws RegistryException {
        Objects.requireNonNull(source, "source");
        retrying(() -> {
            uploads.upload(target, blob, size, source);
            return null;
        });
    }

    /**
     * Opens {@code blob} of {@code repository} for reading, following redirects (credentials are never sent to another
     * host). The stream throws {@link BlobStream.DigestMismatchException} at its end when the content is wrong, so read
     * it to the end before trusting it. Only opening is retried.
     */
    public BlobStream openBlob(ImageReference repository, Digest blob) throws RegistryException {
        return retrying(() -> blobs.open(repository, blob));
    }

    /**
     * Opens {@code blob} as {@link #openBlob} does, to be passed straight to {@link #uploadBlob} of the same digest: the
     * bytes are not hashed on the way, because the registry that receives them hashes them and refuses other content;
     * the size is still checked.
     */
    public BlobStream openBlobForUpload(ImageReference repository, Digest blob) throws RegistryException {
        return retrying(() -> blobs.openForUpload(repository, blob));
    }

    /**
     * Waits for requests under way, then releases the connections and, on Java 21 and later, the HTTP client's threads
     * at once (on older JDKs they end when the client is collected). Requests made after closing fail with {@link
     * IllegalStateException}.
     */
    @Override
    public void close() {
        clients.close();
    }

    @FunctionalInterface
    private interface Call<T> {
        T run() throws RegistryException;
    }

    private <T> T retrying(Call<T> call) throws RegistryException {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.run();
            } catch (RegistryException e) {
                if (!e.isRetryable() || attempt >= retryPolicy.maxAttempts()) {
                    throw attempt == 1 ? e : e.afterAttempts(attempt);
                }
                try {
                    sleeper.sleep(retryPolicy.delayAfter(attempt, e, random));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Settings for a {@link RegistryClient}; every one has a default. */
    public static final class Builder {
        private CredentialsProvider credentials = CredentialsProvider.ANONYMOUS;
        private Function<String, RegistryConfig> configs = registry -> RegistryConfig.defaults();
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.threadSleep();
        // java.util.Random, not RandomGenerator.getDefault(): that looks its algorithm up through a ServiceLoader,
        // which
        // scans the class path and costs a fresh JVM some 10 ms (35 ms without the class-data archive) per command
        private RandomGenerator random = new Random();
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private long monolithicUploadLimit = 1024 * 1024;
        private String userAgent = "image-streams";
        private Metrics metrics = Metrics.NONE;

        private Builder() {}

        public Builder credentials(CredentialsProvider provider) {
            this.credentials = Objects.requireNonNull(provider, "provider");
            return this;
        }

        /** The config for each registry host as written in references ({@code localhost:5000}). */
        public Builder registryConfig(Function<String, RegistryConfig> configForRegistry) {
            Objects.requireNonNull(configForRegistry, "configForRegistry");
            this.configs = registry ->
                    Objects.requireNonNullElseGet(configForRegistry.apply(registry), RegistryConfig::defaults);
            return this;
        }

        /** Configs by registry host; hosts not in the map get {@link RegistryConfig#defaults()}. */
        public Builder registryConfig(Map<String, RegistryConfig> configByRegistry) {
            Map<String, RegistryConfig> copy = Map.copyOf(configByRegistry);
            return registryConfig(registry -> copy.getOrDefault(registry, RegistryConfig.defaults()));
        }

        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** The clock for token expiry, rate limits and HTTP dates. */
        public Builder clock(Clock newClock) {
            this.clock = Objects.requireNonNull(newClock, "clock");
            return this;
        }

        /** How retries and rate limits wait. */
        public Builder sleeper(Sleeper newSleeper) {
            this.sleeper = Objects.requireNonNull(newSleeper, "sleeper");
            return this;
        }

        /** The jitter source of the backoff. */
        public Builder random(RandomGenerator newRandom) {
            this.random = Objects.requireNonNull(newRandom, "random");
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** How long to wait for a response's headers; bodies are streamed without a deadline. */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** Blobs up to this size are uploaded by one PUT; larger ones by a streamed PATCH and a PUT. Default 1 MiB. */
        public Builder monolithicUploadLimit(long bytes) {
            this.monolithicUploadLimit = bytes;
            return this;
        }

        public Builder userAgent(String agent) {
            this.userAgent = Objects.requireNonNull(agent, "agent");
            return this;
        }

        /** Where every exchange and every pause a registry asks for is counted; default: nowhere. */
        public Builder metrics(Metrics value) {
            this.metrics = Objects.requireNonNull(value, "metrics");
            return this;
        }

        public RegistryClient build() {
            return new RegistryClient(this);
        }
    }
}
