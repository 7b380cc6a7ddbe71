package io.jenkins.plugins.imagestreams.registry.endpoint;

import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.registry.BlobSource;
import io.jenkins.plugins.imagestreams.registry.ErrorCode;
import io.jenkins.plugins.imagestreams.registry.RegistryClient;
import io.jenkins.plugins.imagestreams.registry.RegistryException;
import io.jenkins.plugins.imagestreams.registry.transport.Body;
import io.jenkins.plugins.imagestreams.registry.transport.Request;
import io.jenkins.plugins.imagestreams.registry.transport.Response;
import io.jenkins.plugins.imagestreams.registry.transport.Transport;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Blob uploads: {@code POST /v2/<name>/blobs/uploads/} (with {@code mount=&from=} for a cross-repository mount), then
 * a monolithic {@code PUT} for small blobs or a streamed {@code PATCH} and a closing {@code PUT} for large ones. Upload
 * {@code Location}s may be relative or absolute and already carry a query ({@code _state=}), so {@code digest=} is
 * appended.
 *
 * <p>Internal to {@link RegistryClient}, public only for its sibling packages; not an API.
 */
public final class UploadEndpoint {
    private static final String OCTET_STREAM = "application/octet-stream";

    private final Transport transport;
    private final long monolithicLimit;

    public UploadEndpoint(Transport transport, long monolithicLimit) {
        this.transport = transport;
        this.monolithicLimit = monolithicLimit;
    }

    public boolean mount(ImageReference target, Digest blob, String fromRepository) throws RegistryException {
        String action = Actions.ofBlob("mount", target, blob) + " from " + fromRepository;
        String query = "?mount=" + encode(blob.toString()) + "&from=" + encode(fromRepository);
        List<String> scopes = List.of(Request.push(target), "repository:" + fromRepository + ":pull");
        Request post = Request.of(target, "POST", uploads(target) + query, scopes, action);
        String session;
        try (Response response = transport.send(post)) {
            if (response.status() == 201) {
                return true;
            }
            if (response.status() != 202) {
                throw response.failure(ErrorCode.NAME_UNKNOWN);
            }
            session = location(response, action);
        }
        cancel(target, session, scopes, action);
        return false;
    }

    /** Ends an upload session the registry opened instead of mounting; a failure to cancel is not an error. */
    private void cancel(ImageReference target, String session, List<String> scopes, String action) {
        try {
            transport
                    .send(Request.of(target, "DELETE", session, scopes, action))
                    .close();
        } catch (RegistryException e) {
            // 204 expected; a leftover session is harmless, the registry purges abandoned uploads
        }
    }

    public void upload(ImageReference target, Digest blob, long size, BlobSource source) throws RegistryException {
        if (size < 0) {
            throw new IllegalArgumentException("blob size must not be negative: " + size);
        }
        String action = Actions.ofBlob("upload", target, blob);
        List<String> scopes = List.of(Request.push(target));
        String session;
        try (Response response = transport.send(Request.of(target, "POST", uploads(target), scopes, action))) {
            if (response.status() != 202) {
                throw response.failure(ErrorCode.NAME_UNKNOWN);
            }
            session = location(response, action);
        }
        Body content = Body.of(source, size);
        if (size > monolithicLimit) {
            Request patch = Request.of(target, "PATCH", session, scopes, action)
                    .withHeader("Content-Type", OCTET_STREAM)
                    .withBody(content)
                    .streamingBlob();
            try (Response response = transport.send(patch)) {
                if (response.status() != 202) {
                    throw response.failure(ErrorCode.BLOB_UPLOAD_UNKNOWN);
                }
                session = location(response, action);
            }
            content = Body.NONE;
        }
        String finish = session + (session.contains("?") ? "&" : "?") + "digest=" + encode(blob.toString());
        Request put = Request.of(target, "PUT", finish, scopes, action)
                .withHeader("Content-Type", OCTET_STREAM)
                .withBody(content)
                .streamingBlob();
        try (Response response = transport.send(put)) {
            if (response.status() != 201) {
                throw response.failure(ErrorCode.BLOB_UPLOAD_UNKNOWN);
            }
            Optional<String> stored = response.header("Docker-Content-Digest");
            if (stored.isPresent() && !stored.get().trim().equals(blob.toString())) {
                throw new RegistryException(
                        ErrorCode.DIGEST_MISMATCH, 201, action, "the registry stored it as " + stored.get(), null);
            }
        }
    }

    private static String location(Response response, String action) throws RegistryException {
        Optional<String> location = response.header("Location");
        if (location.isEmpty() || location.get().isBlank()) {
            throw new RegistryException(
                    ErrorCode.BLOB_UPLOAD_INVALID,
                    response.status(),
                    action,
                    "the registry opened an upload without a Location",
                    null);
        }
        return response.resolve(location.get());
    }

    private static String uploads(ImageReference target) {
        return "/v2/" + target.repository() + "/blobs/uploads/";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
