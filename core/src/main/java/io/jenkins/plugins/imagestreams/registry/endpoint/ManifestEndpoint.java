package io.jenkins.plugins.imagestreams.registry.endpoint;

import io.jenkins.plugins.imagestreams.json.JsonTrees;
import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.reference.InvalidReferenceException;
import io.jenkins.plugins.imagestreams.registry.ErrorCode;
import io.jenkins.plugins.imagestreams.registry.RegistryClient;
import io.jenkins.plugins.imagestreams.registry.RegistryException;
import io.jenkins.plugins.imagestreams.registry.model.Manifest;
import io.jenkins.plugins.imagestreams.registry.model.MediaTypes;
import io.jenkins.plugins.imagestreams.registry.model.PushedManifest;
import io.jenkins.plugins.imagestreams.registry.transport.Body;
import io.jenkins.plugins.imagestreams.registry.transport.Request;
import io.jenkins.plugins.imagestreams.registry.transport.Response;
import io.jenkins.plugins.imagestreams.registry.transport.Transport;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * {@code HEAD}, {@code GET} and {@code PUT /v2/<name>/manifests/<reference>}, always with the full Accept set. A
 * {@code PUT} reports the {@code OCI-Subject} header of registries with a referrers API.
 *
 * <p>Internal to {@link RegistryClient}, public only for its sibling packages; not an API.
 */
public final class ManifestEndpoint {
    private static final String DIGEST_HEADER = "Docker-Content-Digest";
    private static final String SUBJECT_HEADER = "OCI-Subject";
    private static final String ACCEPT = String.join(", ", MediaTypes.MANIFESTS);

    private final Transport transport;

    public ManifestEndpoint(Transport transport) {
        this.transport = transport;
    }

    /**
     * @param lastKnown sent as {@code If-None-Match} for a reference by tag; a {@code 304} answer means the tag still
     *     points there
     */
    public Digest resolve(ImageReference ref, Optional<Digest> lastKnown) throws RegistryException {
        String action = Actions.of("resolve", ref);
        Request head = Request.of(ref, "HEAD", path(ref, ref.identifier()), List.of(Request.pull(ref)), action)
                .withHeader("Accept", ACCEPT);
        Optional<Digest> asked = ref.digest().isPresent() ? Optional.empty() : lastKnown;
        if (asked.isPresent()) {
            head = head.withHeader("If-None-Match", "\"" + asked.get() + "\"");
        }
        try (Response response = transport.send(head)) {
            if (response.status() == 304 && asked.isPresent()) {
                return asked.get();
            }
            if (response.status() != 200) {
                throw response.failure(ErrorCode.MANIFEST_UNKNOWN);
            }
            Optional<Digest> announced = announced(response, action);
            if (announced.isPresent()) {
                if (ref.digest().isPresent() && !ref.digest().get().equals(announced.get())) {
                    throw mismatch(action, "the registry answered " + announced.get());
                }
                return announced.get();
            }
        }
        return get(ref, action).digest();
    }

    public Manifest get(ImageReference ref) throws RegistryException {
        return get(ref, Actions.of("get manifest", ref));
    }

    private Manifest get(ImageReference ref, String action) throws RegistryException {
        Request get = Request.of(ref, "GET", path(ref, ref.identifier()), List.of(Request.pull(ref)), action)
                .withHeader("Accept", ACCEPT);
        try (Response response = transport.send(get)) {
            if (response.status() != 200) {
                throw response.failure(ErrorCode.MANIFEST_UNKNOWN);
            }
            Optional<Digest> announced = announced(response, action);
            byte[] bytes = response.body(Response.MAX_BODY);
            Digest expected = ref.digest().or(() -> announced).orElse(null);
            if (expected != null && !expected.matches(bytes)) {
                throw mismatch(action, "the body does not hash to " + expected + " (" + bytes.length + " bytes)");
            }
            if (announced.isPresent() && !announced.get().matches(bytes)) {
                throw mismatch(action, "the body does not hash to the announced " + announced.get());
            }
            Digest digest = expected != null ? expected : Digest.sha256(bytes);
            return new Manifest(digest, mediaType(response, bytes, action), bytes);
        }
    }

    public PushedManifest put(ImageReference target, Manifest manifest) throws RegistryException {
        if (target.digest().isPresent() && !target.digest().get().equals(manifest.digest())) {
            throw new IllegalArgumentException(
                    "cannot push manifest " + manifest.digest() + " to " + target + ": the digests differ");
        }
        String identifier = target.tag().orElse(manifest.digest().toString());
        String action = "push manifest " + manifest.digest().shortForm() + " to " + target.name() + ":" + identifier;
        Request put = Request.of(target, "PUT", path(target, identifier), List.of(Request.push(target)), action)
                .withHeader("Content-Type", manifest.mediaType())
                .withBody(Body.of(manifest.bytes()));
        try (Response response = transport.send(put)) {
            if (response.status() / 100 != 2) {
                throw response.failure(ErrorCode.NAME_UNKNOWN);
            }
            Optional<Digest> stored = announced(response, action);
            if (stored.isPresent() && !stored.get().equals(manifest.digest())) {
                throw mismatch(action, "the registry stored it as " + stored.get());
            }
            return new PushedManifest(manifest.digest(), subject(response));
        }
    }

    private static String path(ImageReference ref, String identifier) {
        return "/v2/" + ref.repository() + "/manifests/" + identifier;
    }

    private static Optional<Digest> announced(Response response, String action) throws RegistryException {
        Optional<String> header = response.header(DIGEST_HEADER);
        if (header.isEmpty() || header.get().isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Digest.parse(header.get().trim()));
        } catch (InvalidReferenceException e) {
            throw mismatch(action, "the registry sent an invalid " + DIGEST_HEADER + ": " + e.getMessage());
        }
    }

    /** The {@code OCI-Subject} header; a value that is no digest is taken as no header, as the spec leaves it. */
    private static Optional<Digest> subject(Response response) {
        return response.header(SUBJECT_HEADER)
                .map(String::trim)
                .filter(Digest::isDigest)
                .map(Digest::parse);
    }

    private static String mediaType(Response response, byte[] bytes, String action) throws RegistryException {
        String header = response.header("Content-Type").orElse("");
        int semicolon = header.indexOf(';');
        String type = (semicolon < 0 ? header : header.substring(0, semicolon)).trim();
        if (MediaTypes.MANIFESTS.contains(type)) {
            return type;
        }
        try {
            String declared = JsonTrees.read(bytes).path("mediaType").asText("");
            return declared.isEmpty() ? type : declared;
        } catch (IOException e) {
            throw new RegistryException(
                    ErrorCode.MANIFEST_INVALID, response.status(), action, "the manifest is not JSON", e);
        }
    }

    private static RegistryException mismatch(String action, String detail) {
        return new RegistryException(ErrorCode.DIGEST_MISMATCH, 0, action, detail, null);
    }
}
