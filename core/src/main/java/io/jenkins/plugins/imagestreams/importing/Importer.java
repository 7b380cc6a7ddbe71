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
import io.jenkins.plugins.imagestreams.stream.ImportMode;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.TagCondition;
import io.jenkins.plugins.imagestreams.stream.TagEvent;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import io.jenkins.plugins.imagestreams.stream.TagSpec;
import io.jenkins.plugins.imagestreams.stream.Versioned;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

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
        Versioned<ImageStream> loaded = store.load(stream)
                .orElseThrow(() -> new IllegalArgumentException(
                        "no image stream named " + stream + " exists; create it before importing into it"));
        ImageStream current = loaded.value();
        TagSpec spec = current.specTag(tag)
                .orElseThrow(() -> new IllegalArgumentException("tag '" + tag + "' does not exist in image stream "
                        + stream + "; add it with a registry image as its source first"));
        ImageReference source = spec.dockerImage()
                .orElseThrow(() -> new IllegalArgumentException("tag '" + tag + "' of " + stream + " points to "
                        + spec.from().map(f -> f.kind() + " " + f.name()).orElse("no source")
                        + (spec.reference() ? " as a reference" : "") + ", so it cannot be imported; use tagging"));
        Optional<TagEvent> before = current.currentImage(tag);
        try {
            ImageReference ref = chooseTag(spec, source);
            Digest digest = resolve(spec, ref, before.map(TagEvent::image));
            String pullSpec = ref.withDigest(digest).toString();
            Evidence evidence = Evidence.NONE;
            if (!before.map(TagEvent::image).equals(Optional.of(digest))) {
                evidence = gates.check(
                                new TagSource.ImageStreamTag(stream, tag),
                                Optional.of(spec),
                                digest,
                                pullSpec,
                                Optional.empty(),
                                "import")
                        .evidence();
            }
            Evidence verified = evidence;
            ImageStream after = updater.update(
                            loaded,
                            s -> s.recordImport(tag, digest, pullSpec, clock.instant(), "import of " + ref, verified))
                    .map(Versioned::value)
                    .orElseThrow(() ->
                            new IllegalArgumentException("image stream " + stream + " was deleted during the import"));
            TagEvent head = after.currentImage(tag).orElseThrow();
            if (before.isPresent() && before.get().image().equals(head.image())) {
                return new ImportResult.Unchanged(head);
            }
            changed.accept(stream);
            return new ImportResult.Changed(before, head);
        } catch (RegistryException e) {
            return fail(stream, tag, FailureReasons.reason(e), e.getMessage(), e.isRetryable(), e);
        } catch (PromotionRefusedException e) {
            return fail(
                    stream, tag, e.reason(), e.getMessage(), e.reason().equals(TagCondition.SIGNATURE_REQUIRED), null);
        } catch (NoMatchingTagException | InvalidReferenceException e) {
            return fail(
                    stream,
                    tag,
                    e instanceof NoMatchingTagException ? TagCondition.NOT_FOUND : TagCondition.INVALID,
                    e.getMessage(),
                    false,
                    null);
        }
    }

    private ImportResult fail(
            StreamName stream, String tag, String reason, String message, boolean retryable, RegistryException e) {
        ImageStream after = updater.update(stream, s -> s.recordFailure(tag, reason, message, clock.instant()))
                .map(Versioned::value)
                .orElseThrow(() ->
                        new IllegalArgumentException("image stream " + stream + " was deleted during the import"));
        TagCondition condition = after.history(tag).importFailure().orElseThrow();
        return new ImportResult.Failed(condition, retryable, e == null ? Optional.empty() : e.retryAfter());
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
