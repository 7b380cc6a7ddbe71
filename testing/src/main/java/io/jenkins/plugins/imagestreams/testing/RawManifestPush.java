package io.jenkins.plugins.imagestreams.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * Puts a layout's top manifest or index with one bare HTTP {@code PUT}, byte for byte, where skopeo would rewrite it:
 * skopeo 1.9 drops {@code artifactType} from an index's entries, which a referrers index must keep. What it names must
 * be in the repository already (push referrers with {@link Skopeo} first). For plain and Basic-auth endpoints.
 */
public final class RawManifestPush {
    private RawManifestPush() {}

    /**
     * Puts {@code layout}'s top manifest or index under {@code repoAndTag} ({@code repo:tag}).
     *
     * @return the digest the registry reports, {@code sha256:<hex>}
     * @throws IllegalStateException with the registry's answer when it is not {@code 201}
     */
    public static String put(OciLayout layout, RegistryEndpoint registry, String repoAndTag) {
        int colon = repoAndTag.lastIndexOf(':');
        if (colon < 0 || repoAndTag.indexOf('/', colon) >= 0) {
            throw new IllegalArgumentException("name the target as repo:tag, not '" + repoAndTag + "'");
        }
        URI uri = registry.url()
                .resolve("/v2/" + repoAndTag.substring(0, colon) + "/manifests/" + repoAndTag.substring(colon + 1));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", layout.mediaType())
                .PUT(HttpRequest.BodyPublishers.ofByteArray(layout.manifestBytes()));
        if (registry.username().isPresent()) {
            String pair = registry.username().get() + ":" + registry.password().orElse("");
            request.header(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        registry.sslContext().ifPresent(client::sslContext);
        try {
            HttpResponse<String> response = client.build().send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new IllegalStateException(
                        "PUT " + uri + " answered " + response.statusCode() + ": " + response.body());
            }
            return Sha256.requireValid(
                    response.headers().firstValue("Docker-Content-Digest").orElse(""));
        } catch (IOException e) {
            throw new UncheckedIOException("PUT " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while putting " + uri, e);
        }
    }
}
