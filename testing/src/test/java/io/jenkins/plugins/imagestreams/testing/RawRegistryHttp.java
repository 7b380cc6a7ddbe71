package io.jenkins.plugins.imagestreams.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bare {@code java.net.http} requests to a registry for the fixture's own tests: a manifest HEAD with every Accept
 * type, answering Basic and Bearer challenges. Not a registry client; the product's client is core's.
 */
final class RawRegistryHttp {
    static final String ACCEPT_ALL_MANIFESTS = String.join(
            ", ",
            "application/vnd.oci.image.index.v1+json",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.docker.distribution.manifest.v2+json");
    private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistryEndpoint registry;
    private final HttpClient client;

    RawRegistryHttp(RegistryEndpoint registry) {
        this.registry = registry;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        registry.sslContext().ifPresent(builder::sslContext);
        this.client = builder.build();
    }

    /** A HEAD of {@code /v2/REPO/manifests/REF} with the full Accept set, authenticating when challenged. */
    HttpResponse<Void> headManifest(String repository, String reference) throws IOException, InterruptedException {
        URI uri = registry.url().resolve("/v2/" + repository + "/manifests/" + reference);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(10))
                .header("Accept", ACCEPT_ALL_MANIFESTS)
                .method("HEAD", HttpRequest.BodyPublishers.noBody());
        HttpResponse<Void> response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() != 401) {
            return response;
        }
        String challenge = response.headers().firstValue("WWW-Authenticate").orElse("");
        request.header("Authorization", authorization(challenge));
        return client.send(request.build(), HttpResponse.BodyHandlers.discarding());
    }

    /** The {@code Docker-Content-Digest} a manifest HEAD reports, or empty if the registry did not answer 200. */
    Optional<String> digest(String repository, String reference) throws IOException, InterruptedException {
        HttpResponse<Void> response = headManifest(repository, reference);
        if (response.statusCode() != 200) {
            return Optional.empty();
        }
        return response.headers().firstValue("Docker-Content-Digest");
    }

    /** The Authorization header answering {@code challenge}: Basic with the endpoint's user, or a fetched token. */
    String authorization(String challenge) throws IOException, InterruptedException {
        if (challenge.regionMatches(true, 0, "Basic", 0, 5)) {
            return basic();
        }
        if (!challenge.regionMatches(true, 0, "Bearer", 0, 6)) {
            throw new IOException("unexpected challenge: " + challenge);
        }
        return "Bearer " + token(challenge);
    }

    /** Fetches a token for a Bearer {@code challenge} from its realm, sending the endpoint's user if it has one. */
    String token(String challenge) throws IOException, InterruptedException {
        Map<String, String> params = new LinkedHashMap<>();
        Matcher m = PARAM.matcher(challenge);
        while (m.find()) {
            params.put(m.group(1), m.group(2));
        }
        StringBuilder url =
                new StringBuilder(params.get("realm")).append("?service=").append(encode(params.get("service")));
        if (params.containsKey("scope")) {
            url.append("&scope=").append(encode(params.get("scope")));
        }
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(url.toString())).timeout(Duration.ofSeconds(10));
        if (registry.username().isPresent()) {
            request.header("Authorization", basic());
        }
        HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("token request to " + params.get("realm") + " answered " + response.statusCode());
        }
        JsonNode body = JSON.readTree(response.body());
        return body.path("token").asText();
    }

    private String basic() {
        String pair =
                registry.username().orElseThrow() + ":" + registry.password().orElse("");
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
