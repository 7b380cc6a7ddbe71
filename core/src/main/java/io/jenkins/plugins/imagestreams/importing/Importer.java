package io.jenkins.plugins.imagestreams.importing;

import io.jenkins.plugins.imagestreams.api.ImportResult;
import io.jenkins.plugins.imagestreams.api.PromotionRefusedException;
import io.jenkins.plugins.imagestreams.promote.PromotionGates;
import io.jenkins.plugins.imagestreams.promote.RegistrySignatureCheck;
import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.reference.InvalidReferenceException;
import io.jenkins.plugins.imagestreams.registry.RegistryClient;
import io.jenkins.plugins.imagestreams.registry.RegistryException;
import io.jenkins.plugins.imagestreams.registry.model.Descriptor;
import io.jenkins.plugins.imagestreams.registry.model.Manifest;
import io.jenkins.plugins.imagestreams.store.StreamStore;
import io.jenkins.plugins.imagestreams.store.StreamUpdater;
import io.jenkins.plugins.imagestreams.stream.Evidence;
import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.ImageStreamSpec;
import io.jenkins.plugins.imagestreams.stream.ImportMode;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.TagCondition;
import io.jenkins.plugins.imagestreams.stream.TagEvent;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import io.jenkins.plugins.imagestreams.stream.TagSpec;
import io.jenkins.plugins.imagestreams.stream.Versioned;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Imports one stream tag: asks the registry which digest the tag's source points at, records it by OpenShift's merge
 * rule, saves the stream, then tells {@code changed} (typically {@code EventDispatcher::deliverPending}).
 *
 * <p>PreserveOriginal (the default) costs one {@code HEAD} and tracks the digest the registry reports, for an index
 * the whole index; the {@code HEAD} names the tag's current image as {@code If-None-Match}, so a registry that finds
 * the tag unchanged answers {@code 304} without reading the manifest. Legacy costs one {@code GET} and, for an index,
 * tracks one child (see {@link TagSpec#PREFER_ARCH}). A tag with a tag policy first lists the repository's tags and
 * imports the newest the policy accepts. A new digest must pass the tag's {@code requireFrom} gate, as every write
 * into a tag does. Failures set {@code ImportSuccess=False} with a reason and keep the last good image; the next
 * success clears them.
 */
public final class Importer implements TagImporter {
    private final RegistryClient client;
    private final StreamStore store;
    private final StreamUpdater updater;
    private final Clock clock;
    private final Consumer<StreamName> changed;
    private final PromotionGates gates;

    /** An importer that verifies signatures for {@code requireSignature} gates with {@code client}. */
    public Importer(RegistryClient client, StreamStore store, Clock clock, Consumer<StreamName> changed) {
        this(client, store, clock, changed, new PromotionGates(store, clock, new RegistrySignatureCheck(client)));
    }

    /** @param gates checks the gates of the tags imported into */
    public Importer(
            RegistryClient client, StreamStore store, Clock clock, Consumer<StreamName> changed, PromotionGates gates) {
        this.client = Objects.requireNonNull(client, "client");
        this.store = Objects.requireNonNull(store, "store");
        this.updater = new StreamUpdater(store);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.changed = Objects.requireNonNull(changed, "changed");
        this.gates = Objects.requireNonNull(gates, "gates");
    }

    /**
     * Imports {@code tag} of {@code stream} now.
     *
     * @throws IllegalArgumentException if the stream does not exist or the tag is not importable (no spec tag, not a
     *     registry image, or a reference tag): use tagging for those
     * @throws io.jenkins.plugins.imagestreams.store.StoreException if the store fails
     */
    @Override
    public ImportResult importTag(StreamName stream, String tag) {
        return importTags(stream, List.of(tag), Runnable::run).get(tag);
    }

    /** {@link #importTags(StreamName, List, Executor)} one tag after the other on the calling thread. */
    @Override
    public Map<String, ImportResult> importTags(StreamName stream, List<String> tags) {
        return importTags(stream, tags, Runnable::run);
    }

    /**
     * Imports {@code tags} of {@code stream} together: the registry is asked about all of them at once on {@code
     * executor} (as many at a time as the client's per-registry limit lets through), then every outcome is recorded in
     * one save of the stream and {@code changed} is told once. Each tag ends as {@link #importTag} would end it.
     *
     * @return each tag's outcome, in the order given
     * @throws IllegalArgumentException as {@link #importTag}, for the first tag that cannot be imported; nothing is
     *     asked or saved then
     */
    public Map<String, ImportResult> importTags(StreamName stream, List<String> tags, Executor executor) {
        Versioned<ImageStream> loaded = store.load(stream)
                .orElseThrow(() -> new IllegalArgumentException(
                        "no image stream named " + stream + " exists; create it before importing into it"));
        return importTags(Optional.of(loaded), loaded.value(), false, UnaryOperator.identity(), tags, executor);
    }

    /**
     * {@link #importTags(StreamName, List, Executor)} of the stream {@code change} makes of the stored one, or of a new
     * empty stream when there is none: the tags are those of the changed stream, and the stream is written once, the
     * change (the spec tags a caller imports, the stream's creation) and every outcome in one save. A save that finds a
     * newer version reapplies {@code change} to it.
     *
     * @param change what the caller changes besides the outcomes; pure, as it may run again
     */
    public Map<String, ImportResult> importTags(
            StreamName stream, UnaryOperator<ImageStream> change, List<String> tags, Executor executor) {
        Optional<Versioned<ImageStream>> loaded = store.load(stream);
        ImageStream empty = ImageStream.create(stream, ImageStreamSpec.empty());
        return importTags(loaded, loaded.map(Versioned::value).orElse(empty), true, change, tags, executor);
    }

    private Map<String, ImportResult> importTags(
            Optional<Versioned<ImageStream>> loaded,
            ImageStream start,
            boolean create,
            UnaryOperator<ImageStream> change,
            List<String> tags,
            Executor executor) {
        StreamName stream = start.name();
        ImageStream current = change.apply(start);
        Map<String, CompletableFuture<Outcome>> asked = new LinkedHashMap<>();
        for (String tag : tags) {
            importable(current, tag);
            asked.put(tag, new CompletableFuture<>());
        }
        for (String tag : tags) {
            TagSpec spec = importable(current, tag);
            Optional<Digest> before = current.currentImage(tag).map(TagEvent::image);
            CompletableFuture<Outcome> outcome = asked.get(tag);
            executor.execute(() -> {
                try {
                    outcome.complete(ask(stream, tag, spec, before));
                } catch (RuntimeException e) {
                    outcome.completeExceptionally(e);
                }
            });
        }
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        for (Map.Entry<String, CompletableFuture<Outcome>> outcome : asked.entrySet()) {
            try {
                outcomes.put(outcome.getKey(), outcome.getValue().join());
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
        AtomicReference<ImageStream> recordedIn = new AtomicReference<>(current);
        UnaryOperator<ImageStream> record = s -> {
            ImageStream next = s == start ? current : change.apply(s);
            recordedIn.set(next);
            for (Map.Entry<String, Outcome> o : outcomes.entrySet()) {
                next = o.getValue().recordIn(next, o.getKey(), clock.instant());
            }
            return next;
        };
        ImageStream after = create
                ? updater.updateOrCreate(loaded, start, record).value()
                : updater.update(loaded.orElseThrow(), record)
                        .map(Versioned::value)
                        .orElseThrow(() -> new IllegalArgumentException(
                                "image stream " + stream + " was deleted during the import"));
        Map<String, ImportResult> results = new LinkedHashMap<>();
        boolean anyChanged = false;
        for (Map.Entry<String, Outcome> o : outcomes.entrySet()) {
            // against the version the outcome was recorded in: another writer may have recorded the same image first
            ImportResult result = o.getValue().result(recordedIn.get().currentImage(o.getKey()), after, o.getKey());
            anyChanged |= result instanceof ImportResult.Changed;
            results.put(o.getKey(), result);
        }
        if (anyChanged) {
            changed.accept(stream);
        }
        return results;
    }

    private static TagSpec importable(ImageStream current, String tag) {
        TagSpec spec = current.specTag(tag)
                .orElseThrow(() -> new IllegalArgumentException("tag '" + tag + "' does not exist in image stream "
                        + current.name() + "; add it with a registry image as its source first"));
        if (spec.dockerImage().isEmpty()) {
            throw new IllegalArgumentException("tag '" + tag + "' of " + current.name() + " points to "
                    + spec.from().map(f -> f.kind() + " " + f.name()).orElse("no source")
                    + (spec.reference() ? " as a reference" : "") + ", so it cannot be imported; use tagging");
        }
        return spec;
    }

    /** What the registry and the gates say of {@code tag}: nothing is saved here. */
    private Outcome ask(StreamName stream, String tag, TagSpec spec, Optional<Digest> before) {
        try {
            ImageReference ref = chooseTag(spec, spec.dockerImage().orElseThrow());
            Digest digest = resolve(spec, ref, before);
            String pullSpec = ref.withDigest(digest).toString();
            Evidence evidence = Evidence.NONE;
            if (!before.equals(Optional.of(digest))) {
                evidence = gates.check(
                                new TagSource.ImageStreamTag(stream, tag),
                                Optional.of(spec),
                                digest,
                                pullSpec,
                                Optional.empty(),
                                "import")
                        .evidence();
            }
            return new Outcome.Resolved(ref, digest, pullSpec, evidence);
        } catch (RegistryException e) {
            return new Outcome.Refused(FailureReasons.reason(e), e.getMessage(), e.isRetryable(), e.retryAfter());
        } catch (PromotionRefusedException e) {
            return new Outcome.Refused(
                    e.reason(), e.getMessage(), e.reason().equals(TagCondition.SIGNATURE_REQUIRED), Optional.empty());
        } catch (NoMatchingTagException | InvalidReferenceException e) {
            return new Outcome.Refused(
                    e instanceof NoMatchingTagException ? TagCondition.NOT_FOUND : TagCondition.INVALID,
                    e.getMessage(),
                    false,
                    Optional.empty());
        }
    }

    /** What asking about one tag found, before it is recorded. */
    private sealed interface Outcome {
        /** The stream with this outcome recorded for {@code tag}. */
        ImageStream recordIn(ImageStream stream, String tag, java.time.Instant now);

        /** The import's result, from the tag's image before and the stream as saved. */
        ImportResult result(Optional<TagEvent> before, ImageStream after, String tag);

        /** The tag points at {@code digest} now. */
        record Resolved(ImageReference ref, Digest digest, String pullSpec, Evidence evidence) implements Outcome {
            @Override
            public ImageStream recordIn(ImageStream stream, String tag, java.time.Instant now) {
                return stream.recordImport(tag, digest, pullSpec, now, "import of " + ref, evidence);
            }

            @Override
            public ImportResult result(Optional<TagEvent> before, ImageStream after, String tag) {
                TagEvent head = after.currentImage(tag).orElseThrow();
                return before.isPresent() && before.get().image().equals(head.image())
                        ? new ImportResult.Unchanged(head)
                        : new ImportResult.Changed(before, head);
            }
        }

        /** The import failed for {@code reason}; the tag keeps its image. */
        record Refused(String reason, String message, boolean retryable, Optional<java.time.Duration> retryAfter)
                implements Outcome {
            @Override
            public ImageStream recordIn(ImageStream stream, String tag, java.time.Instant now) {
                return stream.recordFailure(tag, reason, message, now);
            }

            @Override
            public ImportResult result(Optional<TagEvent> before, ImageStream after, String tag) {
                TagCondition condition = after.history(tag).importFailure().orElseThrow();
                return new ImportResult.Failed(condition, retryable, retryAfter);
            }
        }
    }

    private ImageReference chooseTag(TagSpec spec, ImageReference source) throws RegistryException {
        if (spec.tagPolicy().isEmpty()) {
            return source;
        }
        List<String> tags = client.listTags(source);
        String chosen = spec.tagPolicy()
                .get()
                .newest(tags)
                .orElseThrow(() -> new NoMatchingTagException("no tag of " + source.name() + " matches the "
                        + spec.tagPolicy().get().type() + " policy '"
                        + spec.tagPolicy().get().value() + "' among its "
                        + tags.size() + " tags"));
        return source.withTag(chosen);
    }

    /** @param current the tag's image now: a registry that finds {@code ref} still there answers without reading it */
    private Digest resolve(TagSpec spec, ImageReference ref, Optional<Digest> current) throws RegistryException {
        if (spec.importPolicy().importMode() == ImportMode.PRESERVE_ORIGINAL) {
            return client.resolve(ref, current);
        }
        Manifest manifest = client.getManifest(ref);
        if (!manifest.isIndex()) {
            return manifest.digest();
        }
        return PlatformChooser.choose(
                        manifest,
                        Optional.ofNullable(spec.annotations().get(TagSpec.PREFER_ARCH)),
                        Optional.ofNullable(spec.annotations().get(TagSpec.PREFER_OS)))
                .map(Descriptor::digest)
                .orElseThrow(() -> new RegistryException(
                        io.jenkins.plugins.imagestreams.registry.ErrorCode.MANIFEST_INVALID,
                        0,
                        "pick a platform of " + ref,
                        "the index " + manifest.digest() + " lists no platform image (no manifests in manifest list)",
                        null));
    }

    private static final class NoMatchingTagException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NoMatchingTagException(String message) {
            super(message);
        }
    }
}
