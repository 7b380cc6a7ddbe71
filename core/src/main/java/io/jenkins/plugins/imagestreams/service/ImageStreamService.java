package io.jenkins.plugins.imagestreams.service;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.imagestreams.api.CopyOptions;
import io.jenkins.plugins.imagestreams.api.CopyResult;
import io.jenkins.plugins.imagestreams.api.ImageSigner;
import io.jenkins.plugins.imagestreams.api.ImportResult;
import io.jenkins.plugins.imagestreams.api.PromotionException;
import io.jenkins.plugins.imagestreams.api.PromotionOptions;
import io.jenkins.plugins.imagestreams.api.PromotionPlan;
import io.jenkins.plugins.imagestreams.api.PromotionRefusedException;
import io.jenkins.plugins.imagestreams.api.RepositoryImport;
import io.jenkins.plugins.imagestreams.api.ScheduledTag;
import io.jenkins.plugins.imagestreams.api.TagException;
import io.jenkins.plugins.imagestreams.cluster.KubernetesLeadership;
import io.jenkins.plugins.imagestreams.cluster.KubernetesStreamStore;
import io.jenkins.plugins.imagestreams.events.ImageChangeListener;
import io.jenkins.plugins.imagestreams.events.Instance;
import io.jenkins.plugins.imagestreams.events.WorkloadTrigger;
import io.jenkins.plugins.imagestreams.importing.Importer;
import io.jenkins.plugins.imagestreams.importing.Leadership;
import io.jenkins.plugins.imagestreams.importing.RepositoryImporter;
import io.jenkins.plugins.imagestreams.metrics.Metrics;
import io.jenkins.plugins.imagestreams.notify.PushNotification;
import io.jenkins.plugins.imagestreams.promote.ImageCopier;
import io.jenkins.plugins.imagestreams.promote.Promoter;
import io.jenkins.plugins.imagestreams.promote.PromotionGates;
import io.jenkins.plugins.imagestreams.promote.RegistrySignatureCheck;
import io.jenkins.plugins.imagestreams.promote.SignatureCheck;
import io.jenkins.plugins.imagestreams.promote.Tagger;
import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.registry.RegistryClient;
import io.jenkins.plugins.imagestreams.registry.RegistryException;
import io.jenkins.plugins.imagestreams.signature.IdentityRule;
import io.jenkins.plugins.imagestreams.signature.Signer;
import io.jenkins.plugins.imagestreams.signature.SigningKey;
import io.jenkins.plugins.imagestreams.signature.SimpleSigningPayload;
import io.jenkins.plugins.imagestreams.signature.VerificationKey;
import io.jenkins.plugins.imagestreams.signature.WrittenSignature;
import io.jenkins.plugins.imagestreams.store.ConflictException;
import io.jenkins.plugins.imagestreams.store.JsonFileStore;
import io.jenkins.plugins.imagestreams.store.StoreException;
import io.jenkins.plugins.imagestreams.store.StreamStore;
import io.jenkins.plugins.imagestreams.stream.Evidence;
import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.ImportPolicy;
import io.jenkins.plugins.imagestreams.stream.PromotionRecord;
import io.jenkins.plugins.imagestreams.stream.SignaturePolicy;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.TagEvent;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import io.jenkins.plugins.imagestreams.stream.TagSpec;
import io.jenkins.plugins.imagestreams.stream.Versioned;
import io.jenkins.plugins.imagestreams.watch.Watcher;
import io.jenkins.plugins.imagestreams.watch.WatcherBuilder;
import io.jenkins.plugins.imagestreams.workload.WorkloadDeployer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Everything a person does with image streams, in one place: the {@code imagestreams} command and the Jenkins plugin
 * call this and nothing below it. Built once from a store, a registry client (made when first needed), a clock, an
 * executor and a deployer factory; safe for concurrent use.
 *
 * <p>Rules every door follows because they live here:
 *
 * <ul>
 *   <li><b>Gates hold on every write.</b> A tag with a {@code requireFrom} gate refuses tagging, aliasing, rollback,
 *       import and promotion of an image its upstream tag never had; the refusal names the gate, nothing changes.
 *   <li><b>Definitions own what they define</b> ({@link #apply}, {@link Ownership}).
 *   <li><b>A new import source changes only the source</b> ({@link #importTag}).
 *   <li><b>{@code copyTo} names the target stream's repository</b> ({@link #promote}).
 *   <li><b>Aliases work across streams</b> ({@link #alias}).
 *   <li><b>Environments are ordered as a pipeline runs</b> ({@link EnvironmentsView}).
 * </ul>
 *
 * After every write the stream's events are delivered: through the watcher when one runs ({@link #watch}), else
 * aliases in other streams follow at once and the other listeners get their events when a watcher next runs.
 */
public final class ImageStreamService implements AutoCloseable {
    /** How many tags {@link #importRepository} imports unless told otherwise: OpenShift's limit. */
    public static final int DEFAULT_MAX_TAGS = RepositoryImporter.DEFAULT_MAX_TAGS;
    /** How many blobs one copy moves at once. */
    static final int PARALLEL_BLOBS = 4;

    private final Shared shared;
    private final Supplier<RegistryClient> registry;

    /** What every view of one service shares: the store, clock, executor, deployers and event routing. */
    private record Shared(
            StreamStore store,
            Clock clock,
            ScheduledExecutorService executor,
            DeployerFactory deployers,
            BiConsumer<String, Exception> problems,
            ChangeRouter router,
            LazyClient client,
            Function<String, Optional<SignaturePolicy>> namespaceSignatures,
            AutoCloseable ownedStore,
            Optional<Function<Runnable, ? extends Leadership>> election,
            Metrics metrics) {}

    private ImageStreamService(Shared shared, Supplier<RegistryClient> registry) {
        this.shared = shared;
        this.registry = registry;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * This service with {@code client} for every registry call: the same store, events and watcher, another identity
     * at the registries (a build's own credentials). The caller closes {@code client}.
     */
    public ImageStreamService withRegistryClient(RegistryClient client) {
        Objects.requireNonNull(client, "client");
        return new ImageStreamService(shared, () -> client);
    }

    // ---- reading ----

    /** The clock the service stamps history with; doors use it to say how long ago something happened. */
    public Clock clock() {
        return shared.clock;
    }

    /** The names of every stored stream, sorted. */
    public List<StreamName> streamNames() {
        return shared.store.list();
    }

    /** The stored stream {@code name}, if there is one. */
    public Optional<ImageStream> stream(StreamName name) {
        return stored(name).map(Versioned::value);
    }

    /** The stored stream {@code name} with its version (OpenShift's {@code resourceVersion}), if there is one. */
    public Optional<Versioned<ImageStream>> stored(StreamName name) {
        return shared.store.load(name);
    }

    /**
     * The stored stream {@code name}.
     *
     * @throws StreamNotFoundException naming the streams the store holds
     */
    public ImageStream requireStream(StreamName name) {
        return requireStored(name).value();
    }

    /**
     * The stored stream {@code name} with its version.
     *
     * @throws StreamNotFoundException naming the streams the store holds
     */
    public Versioned<ImageStream> requireStored(StreamName name) {
        return stored(name).orElseThrow(() -> new StreamNotFoundException(name, streamNames()));
    }

    /** Every stored stream {@code filter} accepts; one that cannot be read is listed with the reason, not thrown. */
    public StreamList streams(Predicate<StreamName> filter) {
        List<Versioned<ImageStream>> streams = new ArrayList<>();
        Map<StreamName, String> unreadable = new LinkedHashMap<>();
        for (StreamName name : streamNames()) {
            if (!filter.test(name)) {
                continue;
            }
            try {
                stored(name).ifPresent(streams::add);
            } catch (RuntimeException e) {
                unreadable.put(name, e.getMessage());
            }
        }
        return new StreamList(streams, unreadable);
    }

    /**
     * What reached which environment, over every readable stream {@code filter} accepts.
     *
     * @param namespaces the columns in this order; empty for every namespace in pipeline order
     */
    public EnvironmentsView environments(Predicate<StreamName> filter, List<String> namespaces) {
        return EnvironmentsView.of(streams(filter).streams(), namespaces);
    }

    /**
     * The pinned pull spec consumers of {@code tag} get ({@code repository@sha256:…}), by its reference policy.
     *
     * @throws StreamNotFoundException if the stream does not exist
     * @throws TagException if the tag has no image
     */
    public String pullSpec(TagSource.ImageStreamTag tag) {
        return requireStream(tag.stream())
                .pullSpec(tag.tag())
                .orElseThrow(() -> new TagException(
                        "\"" + tag + "\" is not pointing to an image yet; import, push or tag an image into it first"));
    }

    /**
     * Checks {@code access} as a connection would, without contacting the server: a token sent over plain HTTP to a
     * host that is not loopback, a CA certificate that does not parse.
     *
     * @return {@code access}
     * @throws IllegalArgumentException saying what is wrong
     */
    public static ClusterAccess check(ClusterAccess access) {
        KubernetesDeployers.connection(access);
        return access;
    }

    /** The digest {@code ref} points at now, by one {@code HEAD}. */
    public Digest digest(ImageReference ref) throws RegistryException {
        return registry.get().resolve(ref);
    }

    // ---- importing ----

    /**
     * Imports one tag now. With {@code request.from()} the tag gets that registry source first, the stream and tag
     * are created when missing. Only what the request names changes: a new source replaces the tag's source (an alias
     * or reference tag becomes an imported one), {@code scheduled} and {@code insecure} can only be turned on, an
     * import mode or reference policy replaces the stored one; the tag's tag policy, annotations, gate and workloads
     * stay. The tag's gate holds: a digest its upstream tag never had is refused as a failed import, and the tag
     * keeps its image.
     *
     * @return the outcome; a registry failure is {@link ImportResult.Failed}, recorded in the tag's conditions
     * @throws OwnedTagException if the request changes a tag whose source definitions own
     * @throws IllegalArgumentException if there is no such stream or tag (without {@code from}), or it is not a
     *     registry image
     */
    public ImportResult importTag(ImportRequest request) {
        TagSource.ImageStreamTag tag = request.tag();
        if (request.changesSpec()) {
            Optional<ImageStream> stored = stream(tag.stream());
            if (!sameSource(stored, request)) {
                Ownership.requireSourceFree(stored, tag, "change the source or import policy of");
            }
            if (new TagSourceChange(shared.store).apply(request)) {
                shared.router.changed(tag.stream());
            }
        }
        ImportResult result = importer().importTag(tag.stream(), tag.tag());
        shared.metrics.imported(result);
        return result;
    }

    /** Whether {@code request} asks for nothing but what the stored tag already has. */
    private static boolean sameSource(Optional<ImageStream> stored, ImportRequest request) {
        return stored.flatMap(s -> s.specTag(request.tag().tag()))
                .map(spec -> TagSourceChange.changed(spec, request).equals(spec))
                .orElse(false);
    }

    /**
     * Imports up to {@code maxTags} tags of {@code repository} into {@code stream}, as {@code oc import-image --all}.
     *
     * @throws OwnedTagException if definitions own a tag of {@code stream}'s source
     * @throws RegistryException if the tags cannot be listed; nothing is written then
     */
    public RepositoryImport importRepository(
            StreamName stream, ImageReference repository, ImportPolicy policy, int maxTags) throws RegistryException {
        Optional<ImageStream> stored = stream(stream);
        stored.ifPresent(s -> s.spec()
                .tags()
                .forEach(t -> Ownership.requireSourceFree(
                        stored, new TagSource.ImageStreamTag(stream, t.name()), "import a whole repository over")));
        RegistryClient client = registry.get();
        RepositoryImport imported = new RepositoryImporter(client, shared.store, importer(client))
                .importRepository(stream, repository, policy, maxTags);
        imported.imported().values().forEach(shared.metrics::imported);
        return imported;
    }

    // ---- tagging ----

    /**
     * Points {@code target} at the image {@code source} points at now ({@code oc tag src:t dst:t}): a snapshot by
     * digest, the target stream created if missing. The target's gate holds.
     *
     * @return the target's new current image
     * @throws OwnedTagException if definitions own the target's source
     * @throws TagException if the source has no image, or the target's gate refuses it
     */
    public TagEvent tag(TagSource.ImageStreamTag source, TagSource.ImageStreamTag target, String cause) {
        Ownership.requireSourceFree(stream(target.stream()), target, "tag into");
        return tagger().tag(source, target.stream(), target.tag(), cause);
    }

    /**
     * Points {@code target} at the image of {@code source}'s history whose digest is or starts with {@code
     * source.image()} ({@code oc tag is@sha256:… dst:t}).
     *
     * @throws OwnedTagException if definitions own the target's source
     * @throws TagException if no history image matches, or the target's gate refuses it
     */
    public TagEvent tag(TagSource.ImageStreamImage source, TagSource.ImageStreamTag target, String cause) {
        Ownership.requireSourceFree(stream(target.stream()), target, "tag into");
        return tagger().tagImage(source, target.stream(), target.tag(), cause);
    }

    /**
     * Makes {@code alias} follow {@code source} from now on, in the same stream or another one ({@code oc tag
     * --alias}, which OpenShift allows within one stream only); the alias's stream is created if missing and gets the
     * source's image now, if it has one.
     *
     * @return the alias's image now, if any
     * @throws OwnedTagException if definitions own the alias's source
     * @throws TagException if the source stream does not exist, the alias is its own source, or a gate refuses
     */
    public Optional<TagEvent> alias(TagSource.ImageStreamTag source, TagSource.ImageStreamTag alias) {
        if (source.equals(alias)) {
            throw new TagException("tag " + alias + " cannot follow itself");
        }
        Ownership.requireSourceFree(stream(alias.stream()), alias, "make an alias of");
        requireStream(source.stream());
        return tagger().alias(source, alias.stream(), alias.tag());
    }

    /**
     * Deletes {@code tag}, spec and history ({@code oc tag -d}); images stay in their registries.
     *
     * @throws OwnedTagException if definitions own the tag
     * @throws TagException if there is no such tag
     */
    public void untag(TagSource.ImageStreamTag tag) {
        Ownership.requireUnowned(stream(tag.stream()), tag, "delete");
        tagger().delete(tag.stream(), tag.tag());
    }

    /**
     * Points {@code tag} at an image from its own history again; older entries stay. The tag's gate holds.
     *
     * @param image a digest or unique prefix of one
     * @throws OwnedTagException if definitions own the tag's source
     * @throws TagException if no history image matches, or the gate refuses it
     */
    public TagEvent rollback(TagSource.ImageStreamTag tag, String image) {
        Ownership.requireSourceFree(stream(tag.stream()), tag, "roll back");
        return tagger().rollback(tag.stream(), tag.tag(), image);
    }

    // ---- promotion ----

    /**
     * What {@link #promote} would do, changing nothing (the dry run).
     *
     * @throws PromotionException if the source has no image, a gate refuses, or {@code copyTo} contradicts the target
     *     stream's repository
     * @throws OwnedTagException if definitions own the target's source
     */
    public PromotionPlan plan(PromotionRequest request) throws PromotionException {
        Optional<ImageStream> target = stream(request.target().stream());
        Ownership.requireSourceFree(target, request.target(), "promote into");
        Optional<ImageReference> newRepository = CopyTarget.newRepository(target, request);
        PromotionPlan plan = promoter(Optional.empty()).plan(request.source(), request.target(), request.options());
        return newRepository.map(plan::withRepository).orElse(plan);
    }

    /**
     * Promotes the exact image {@code request.source()} points at now into {@code request.target()}: gates (the
     * target tag's {@code requireFrom} and the request's), a digest-exact copy into the target stream's repository,
     * the target tag pinned to the digest, the workloads set to it, and a promotion record beside the target's history.
     *
     * <p>{@code copyTo} names the target stream's repository: when the stream has none it becomes its repository
     * (the stream is created if missing); when it has the same one nothing changes; when it has another one the
     * promotion is refused, since a one-off request must not move where an environment's images live.
     *
     * @return the record: promoted, or the tag moved but a workload failed
     * @throws PromotionException if the source has no image, a gate refuses, {@code copyTo} contradicts the target
     *     stream's repository, or the copy failed (recorded; run it again to finish)
     * @throws OwnedTagException if definitions own the target's source
     * @throws IllegalArgumentException if there are workloads but no {@code cluster}
     * @throws InterruptedException if interrupted while copying or waiting for rollouts
     */
    public PromotionRecord promote(PromotionRequest request) throws PromotionException, InterruptedException {
        Optional<ImageStream> target = stream(request.target().stream());
        Ownership.requireSourceFree(target, request.target(), "promote into");
        Optional<ImageReference> newRepository = CopyTarget.newRepository(target, request);
        if (!request.options().workloads().isEmpty() && request.cluster().isEmpty()) {
            throw new IllegalArgumentException("the promotion names workloads "
                    + request.options().workloads() + " but no cluster to reach them; give the Kubernetes connection");
        }
        newRepository.ifPresent(r -> CopyTarget.save(shared.store, request.target().stream(), r));
        Optional<DeployerFactory.OpenDeployer> deployer =
                request.options().workloads().isEmpty()
                        ? Optional.empty()
                        : request.cluster().map(shared.deployers::open);
        long start = System.nanoTime();
        String result = "failed";
        try {
            PromotionRecord promoted =
                    promoter(deployer).promote(request.source(), request.target(), request.options());
            result = "promoted";
            return promoted;
        } catch (PromotionRefusedException e) {
            result = "refused";
            throw e;
        } finally {
            deployer.ifPresent(DeployerFactory.OpenDeployer::close);
            shared.metrics.promoted(result, Duration.ofNanos(System.nanoTime() - start));
        }
    }

    /**
     * Copies the image {@code source} names to {@code target}, digest unchanged ({@code crane copy}).
     *
     * @throws RegistryException with the registry's code when reading or writing fails
     * @throws InterruptedException if interrupted
     */
    public CopyResult copy(ImageReference source, ImageReference target, CopyOptions options)
            throws RegistryException, InterruptedException {
        return copy(source, target, options, PARALLEL_BLOBS);
    }

    /**
     * As {@link #copy(ImageReference, ImageReference, CopyOptions)}, moving {@code parallelBlobs} blobs at once.
     *
     * @throws IllegalArgumentException if {@code parallelBlobs} is below 1
     */
    public CopyResult copy(ImageReference source, ImageReference target, CopyOptions options, int parallelBlobs)
            throws RegistryException, InterruptedException {
        return new ImageCopier(registry.get(), shared.executor, parallelBlobs, shared.metrics)
                .copy(source, target, options);
    }

    // ---- definitions ----

    /**
     * Applies {@code owner}'s stream definitions (a config file, the Jenkins configuration) to the store, which stays
     * the truth for everything else. The rules:
     *
     * <ol>
     *   <li>A defined stream the store lacks is created.
     *   <li>The definition's repository (when it names one) and history limit replace the stored ones.
     *   <li>A defined tag with a source replaces the stored spec tag whole; its history stays, and an unchanged intent
     *       keeps its generation, so applying the same definitions twice writes nothing. Commands may only import it
     *       again ({@link Ownership}).
     *   <li>A defined tag without a source replaces the stored spec tag but for the source tagging or promotion gave
     *       it; commands may point it at images.
     *   <li>A tag {@code owner} defined before and no longer defines is released: its spec is removed (it is no longer
     *       imported or scheduled, its gate and workloads are gone), its history stays; {@link #untag} removes that
     *       too. Streams and tags other owners or commands made are left alone.
     * </ol>
     *
     * Aliases defined get their source's image at once; every changed stream's events are delivered.
     *
     * @param owner who defines, named in refusals: a file path, {@code the Jenkins configuration}
     * @return what changed; a definition that cannot be applied is reported there, the others still apply
     */
    public ApplyResult apply(String owner, List<StreamDefinition> definitions) {
        if (owner == null || owner.isBlank()) {
            throw new IllegalArgumentException("stream definitions need an owner, e.g. the file they come from");
        }
        for (StreamDefinition definition : definitions) {
            for (TagSpec tag : definition.spec().tags()) {
                tag.requireSignature()
                        .ifPresent(p -> checkSignaturePolicy(
                                p, "image stream " + definition.name() + " tag '" + tag.name() + "'"));
            }
        }
        return new DefinitionApplier(shared.store, shared.router::changed).apply(owner, definitions);
    }

    /**
     * Checks that every key of {@code policy} is a usable public key and its identity rule parses, so that a gate is
     * refused when it is written rather than at the first image it would check.
     *
     * @param where what holds the policy, for the message: {@code image stream app-prod/web tag 'latest'}
     * @return {@code policy}
     * @throws IllegalArgumentException naming {@code where} and the first key block or rule that does not parse
     */
    public static SignaturePolicy checkSignaturePolicy(SignaturePolicy policy, String where) {
        try {
            policy.publicKeys().forEach(VerificationKey::parseAll);
            IdentityRule.parse(policy.identity());
            return policy;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": requireSignature: " + e.getMessage(), e);
        }
    }

    // ---- watching ----

    /**
     * Starts a watcher over this service's store, client, clock and executor (scheduled imports, push notifications,
     * event delivery), closing the one running before first, so two never deliver the same event; from now on every
     * write's events go through it.
     *
     * @param configure sets the watcher's settings, listeners and notification endpoints
     * @throws IOException if its notification address cannot be bound; no watcher runs then
     */
    public synchronized Watcher watch(Consumer<WatcherBuilder> configure) throws IOException {
        RegistryClient client = registry.get();
        WatcherBuilder builder = Watcher.builder(shared.store, client, shared.clock, shared.executor)
                .metrics(shared.metrics)
                .problems(shared.problems)
                .gates(gates(client));
        shared.election.ifPresent(builder::leadership);
        configure.accept(builder);
        Watcher watcher = builder.build();
        stopWatching();
        watcher.start();
        shared.router.route(watcher);
        return watcher;
    }

    /**
     * Hands push notifications received elsewhere (the Jenkins webhook) to the running watcher, which imports what
     * they name ahead of the schedule; without a watcher they are dropped, and polling finds the change later.
     *
     * @return the stream tags whose import was requested
     */
    public List<ScheduledTag> pushed(List<PushNotification> pushes) {
        Watcher running = shared.router.current();
        return running == null ? List.of() : running.pushed(pushes);
    }

    /**
     * A listener for {@link #watch} that keeps each tag's workloads in step with it (OpenShift's image change trigger
     * on Deployments): on every new digest of a tag with workloads, they are set to its pinned pull spec once.
     *
     * @param cluster how to reach the cluster, asked afresh for each change so edited settings and rotated tokens apply
     *     at once; it throws {@link IllegalStateException} when none is configured, and the change is offered again
     *     later
     */
    public ImageChangeListener workloadTrigger(Supplier<ClusterAccess> cluster) {
        Objects.requireNonNull(cluster, "cluster");
        WorkloadDeployer deployer = (targets, image, wait) -> {
            try (DeployerFactory.OpenDeployer open = shared.deployers.open(cluster.get())) {
                return open.deploy(targets, image, wait);
            }
        };
        return new WorkloadTrigger(shared.store, deployer, shared.clock, Optional.empty());
    }

    // ---- moving stores ----

    /**
     * Copies every stream of this service's store into {@code target}'s, spec, history, conditions, promotion records
     * and delivery marks as they are: a file store into a cluster and back. A stream the target already holds is left
     * as it is there, and reported as the same or as different; nothing is ever overwritten.
     */
    public StoreCopy copyStreamsTo(ImageStreamService target) {
        List<StreamName> copied = new ArrayList<>();
        List<StreamName> alreadyThere = new ArrayList<>();
        List<StreamName> different = new ArrayList<>();
        for (StreamName name : shared.store.list()) {
            Optional<Versioned<ImageStream>> source = shared.store.load(name);
            if (source.isEmpty()) {
                continue;
            }
            Optional<Versioned<ImageStream>> there = target.shared.store.load(name);
            if (there.isEmpty()) {
                try {
                    target.shared.store.save(source.get().value(), StreamStore.NEW);
                    copied.add(name);
                    continue;
                } catch (ConflictException e) {
                    there = target.shared.store.load(name);
                }
            }
            if (there.isPresent() && there.get().value().equals(source.get().value())) {
                alreadyThere.add(name);
            } else {
                different.add(name);
            }
        }
        return new StoreCopy(copied, alreadyThere, different);
    }

    /** The running watcher, if any. */
    public Optional<Watcher> watcher() {
        return Optional.ofNullable(shared.router.current());
    }

    /** Stops and closes the running watcher, if any; running imports finish and deliver their events. */
    public synchronized void stopWatching() {
        Watcher running = shared.router.current();
        if (running != null) {
            shared.router.unroute(running);
            running.close();
        }
    }

    /** Stops the watcher and closes the registry client and the store connection this service made, if it made them. */
    @Override
    public void close() {
        stopWatching();
        shared.client.close();
        try {
            shared.ownedStore.close();
        } catch (Exception e) {
            shared.problems.accept("closing the stream store failed: " + e.getMessage(), e);
        }
    }

    // ---- machinery ----

    private Importer importer() {
        return importer(registry.get());
    }

    private Importer importer(RegistryClient client) {
        return new Importer(client, shared.store, shared.clock, shared.router::changed, gates(client));
    }

    private Tagger tagger() {
        return new Tagger(shared.store, shared.clock, shared.router::changed, gates(registry.get()));
    }

    private static SignatureCheck signatureCheck(RegistryClient client) {
        return new RegistrySignatureCheck(client);
    }

    /**
     * A signer for promotions ({@link PromotionOptions#withSigner}): sigstore simple-signing signatures made with the
     * private key {@code pem} (PKCS#8, encrypted or not), written with this service's registry client. The key is
     * parsed now, so a wrong passphrase or key type fails here; the signer never shows it.
     *
     * @param passphrase for an encrypted key, else empty; not kept
     * @throws IllegalArgumentException naming what is wrong with the key, never its content
     */
    public ImageSigner signer(byte[] pem, char[] passphrase) {
        SigningKey key = SigningKey.parse(pem, passphrase);
        Signer signer = new Signer(registry.get(), shared.clock);
        return (repository, image, optional) -> {
            WrittenSignature written =
                    signer.sign(repository, SimpleSigningPayload.of(repository.name(), image, optional), key);
            return new Evidence.Signature(
                    written.keyId(), repository.name(), written.signatureManifest(), Evidence.Signature.WRITTEN);
        };
    }

    /** The gates of every write, verifying signatures with {@code client}. */
    private PromotionGates gates(RegistryClient client) {
        return new PromotionGates(shared.store, shared.clock, signatureCheck(client), shared.namespaceSignatures);
    }

    private ImageCopier copier(RegistryClient client) {
        return new ImageCopier(client, shared.executor, PARALLEL_BLOBS, shared.metrics);
    }

    private Promoter promoter(Optional<? extends WorkloadDeployer> deployer) {
        WorkloadDeployer chosen = deployer.isPresent() ? deployer.get() : (targets, image, wait) -> List.of();
        RegistryClient client = registry.get();
        return new Promoter(shared.store, copier(client), chosen, shared.clock, shared.router::changed, gates(client));
    }

    /** Settings for an {@link ImageStreamService}; the store and executor are required. */
    public static final class Builder {
        /** How often a request to the store's API server is retried before the store says it cannot reach it. */
        private static final int STORE_RETRIES = 2;

        private StreamStore store;
        private Function<Predicate<String>, RegistryClient> registry =
                insecure -> RegistryClient.builder().build();
        private Clock clock = Clock.systemUTC();
        private ScheduledExecutorService executor;
        private DeployerFactory deployers = new KubernetesDeployers();
        // the logger is looked up when a problem comes, not when the class loads: setting up java.util.logging costs a
        // one-shot command a tenth of its start
        private BiConsumer<String, Exception> problems = (message, e) ->
                Logger.getLogger(ImageStreamService.class.getName()).log(Level.WARNING, message, e);
        private Function<String, Optional<SignaturePolicy>> namespaceSignatures = namespace -> Optional.empty();
        private AutoCloseable ownedStore = () -> {};
        private Optional<Function<Runnable, ? extends Leadership>> election = Optional.empty();
        private Metrics metrics = Metrics.NONE;

        private Builder() {}

        /**
         * Where promotions, copies and a watcher's imports, notifications and deliveries are counted (default:
         * nowhere); registry requests are counted by the registry client, whose builder takes the same metrics.
         */
        public Builder metrics(Metrics value) {
            this.metrics = Objects.requireNonNull(value, "metrics");
            return this;
        }

        /** Where streams are kept. */
        public Builder store(StreamStore value) {
            this.store = Objects.requireNonNull(value, "store");
            return this;
        }

        /** Streams kept as one JSON file each under {@code directory} (created when missing). */
        public Builder fileStore(Path directory) {
            return store(new JsonFileStore(directory));
        }

        /**
         * Streams kept where {@code location} says: its folder, or the cluster of its kubeconfig context (kubectl's
         * kubeconfig lookup), as {@link #kubernetesStore} does.
         */
        public Builder store(StoreLocation location) {
            if (location instanceof StoreLocation.Kubernetes k) {
                return kubernetesStore(ClusterAccess.kubeconfig(Optional.empty(), k.context()), k.namespace());
            }
            return fileStore(((StoreLocation.Files) location).directory());
        }

        /**
         * Streams kept as custom resources of the cluster {@code access} reaches ({@code deploy/kubernetes} holds the
         * definition and the role), in {@code namespace} only when given; the service closes the connection. Several
         * processes on one cluster share the streams, and the watchers they run elect one of them to run the scheduled
         * imports, on the Lease {@value KubernetesLeadership#LEASE} in that namespace (else the kubeconfig's, else
         * {@code default}).
         *
         * @throws StoreException naming the resource and what is missing when the cluster does not serve it or the
         *     account may not list and watch it
         */
        public Builder kubernetesStore(ClusterAccess access, Optional<String> namespace) {
            KubernetesClient client = KubernetesDeployers.connection(access).connect(STORE_RETRIES);
            try {
                KubernetesStreamStore opened = KubernetesStreamStore.open(client, namespace);
                this.ownedStore = () -> {
                    opened.close();
                    client.close();
                };
                String leaseNamespace = namespace.orElseGet(
                        () -> Optional.ofNullable(client.getNamespace()).orElse("default"));
                String identity = Instance.current().id() + "#" + UUID.randomUUID();
                this.election = Optional.of(changed -> KubernetesLeadership.start(
                        client, leaseNamespace, identity, KubernetesLeadership.Timing.DEFAULT, changed));
                return store(opened);
            } catch (RuntimeException e) {
                client.close();
                throw e;
            }
        }

        /**
         * Makes the registry client, on the first operation that needs one (reading the store needs none); the
         * service closes it. Default: anonymous access with default settings.
         */
        public Builder registryClient(Supplier<RegistryClient> factory) {
            Objects.requireNonNull(factory, "factory");
            this.registry = insecure -> factory.get();
            return this;
        }

        /**
         * As {@link #registryClient(Supplier)}, with a test of whether a registry host is one that stored tags import
         * from insecurely ({@code importPolicy.insecure}), for the client's per-registry settings; it reads the store
         * once, on its first use.
         */
        public Builder registryClient(Function<Predicate<String>, RegistryClient> factory) {
            this.registry = Objects.requireNonNull(factory, "factory");
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** Runs blob transfers and the watcher; the caller shuts it down after closing the service. */
        public Builder executor(ScheduledExecutorService value) {
            this.executor = Objects.requireNonNull(value, "executor");
            return this;
        }

        /** Opens deployers for promotions with workloads; default fabric8's client. */
        public Builder deployers(DeployerFactory value) {
            this.deployers = Objects.requireNonNull(value, "deployers");
            return this;
        }

        /** Told about failed event listeners and unreadable streams (message, cause or null); default a log. */
        public Builder problems(BiConsumer<String, Exception> value) {
            this.problems = Objects.requireNonNull(value, "problems");
            return this;
        }

        /**
         * The {@code requireSignature} gate of every tag in a namespace's streams (an environment whose images must be
         * signed); asked at each write, so it may read a live configuration. Default: none.
         */
        public Builder namespaceSignatures(Function<String, Optional<SignaturePolicy>> value) {
            this.namespaceSignatures = Objects.requireNonNull(value, "namespaceSignatures");
            return this;
        }

        /** @throws IllegalStateException without a store or executor */
        public ImageStreamService build() {
            if (store == null || executor == null) {
                throw new IllegalStateException("an image stream service needs a store and an executor");
            }
            LazyClient client = new LazyClient(() -> registry.apply(new InsecureRegistries(store)));
            Shared shared = new Shared(
                    store,
                    clock,
                    executor,
                    deployers,
                    problems,
                    new ChangeRouter(store, clock, problems),
                    client,
                    namespaceSignatures,
                    ownedStore,
                    election,
                    metrics);
            return new ImageStreamService(shared, client);
        }
    }
}
