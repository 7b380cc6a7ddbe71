package io.jenkins.plugins.imagestreams.promote;

import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.registry.ErrorCode;
import io.jenkins.plugins.imagestreams.registry.RegistryClient;
import io.jenkins.plugins.imagestreams.registry.RegistryException;
import io.jenkins.plugins.imagestreams.registry.model.Descriptor;
import io.jenkins.plugins.imagestreams.registry.model.Manifest;
import io.jenkins.plugins.imagestreams.registry.model.Platform;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An image as read from its source: every manifest, children before the indexes that list them (the root last), and
 * the distinct blobs they need. Reads only manifests; no blob content.
 */
record ImageTree(List<Manifest> manifests, List<Descriptor> blobs) {
    /** Indexes nest rarely and shallowly; deeper trees are refused rather than followed. */
    static final int MAX_DEPTH = 8;

    ImageTree {
        manifests = List.copyOf(manifests);
        blobs = List.copyOf(blobs);
    }

    /** The manifest or index the source reference names (or the chosen platform's manifest). */
    Manifest root() {
        return manifests.get(manifests.size() - 1);
    }

    /**
     * Reads the image {@code source} names; with {@code platform}, only that platform's manifest of an index.
     *
     * @throws RegistryException {@link ErrorCode#MANIFEST_UNKNOWN} when the source or the platform is missing, and
     *     whatever reading the manifests fails with
     */
    static ImageTree read(RegistryClient client, ImageReference source, Optional<Platform> platform)
            throws RegistryException {
        Manifest top = client.getManifest(source);
        for (int depth = 0; platform.isPresent() && top.isIndex(); depth++) {
            requireDepth(depth, source);
            Digest child = select(top, platform.get(), source);
            top = client.getManifest(source.withDigest(child));
        }
        return of(client, source, top);
    }

    /**
     * The image whose top manifest or index {@code top} was read already from {@code source}'s repository: reads only
     * the children of an index.
     *
     * @throws RegistryException as reading the children fails
     */
    static ImageTree of(RegistryClient client, ImageReference source, Manifest top) throws RegistryException {
        Map<Digest, Manifest> manifests = new LinkedHashMap<>();
        Map<Digest, Descriptor> blobs = new LinkedHashMap<>();
        collect(client, source, top, 0, manifests, blobs);
        return new ImageTree(new ArrayList<>(manifests.values()), new ArrayList<>(blobs.values()));
    }

    private static void collect(
            RegistryClient client,
            ImageReference source,
            Manifest manifest,
            int depth,
            Map<Digest, Manifest> manifests,
            Map<Digest, Descriptor> blobs)
            throws RegistryException {
        requireDepth(depth, source);
        if (manifest.isIndex()) {
            for (Descriptor child : manifest.children()) {
                if (!manifests.containsKey(child.digest())) {
                    Manifest read = client.getManifest(source.withDigest(child.digest()));
                    collect(client, source, read, depth + 1, manifests, blobs);
                }
            }
        } else {
            for (Descriptor blob : manifest.blobs()) {
                blobs.putIfAbsent(blob.digest(), blob);
            }
        }
        manifests.putIfAbsent(manifest.digest(), manifest);
    }

    /** The child for {@code wanted}: an exact match, else the only child of its os and architecture. */
    static Digest select(Manifest index, Platform wanted, ImageReference source) throws RegistryException {
        List<Descriptor> children = index.children();
        for (Descriptor child : children) {
            if (child.platform().filter(wanted::equals).isPresent()) {
                return child.digest();
            }
        }
        List<Descriptor> sameArch = children.stream()
                .filter(c -> c.platform()
                        .filter(p -> wanted.variant() == null
                                && p.os().equals(wanted.os())
                                && p.architecture().equals(wanted.architecture()))
                        .isPresent())
                .toList();
        if (sameArch.size() == 1) {
            return sameArch.get(0).digest();
        }
        List<String> offered = children.stream()
                .map(c -> c.platform().map(Platform::toString).orElse("(no platform)"))
                .toList();
        throw new RegistryException(
                ErrorCode.MANIFEST_UNKNOWN,
                0,
                "select platform " + wanted + " of " + source,
                "the index " + index.digest() + " has "
                        + (sameArch.size() > 1 ? "several variants of it: " : "none; it has ") + offered
                        + ". Name one of those platforms",
                null);
    }

    private static void requireDepth(int depth, ImageReference source) throws RegistryException {
        if (depth >= MAX_DEPTH) {
            throw new RegistryException(
                    ErrorCode.MANIFEST_INVALID,
                    0,
                    "read " + source,
                    "indexes nest deeper than " + MAX_DEPTH + " levels; such an image is not copied",
                    null);
        }
    }
}
