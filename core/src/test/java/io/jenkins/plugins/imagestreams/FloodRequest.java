package io.jenkins.plugins.imagestreams;

import io.jenkins.plugins.imagestreams.notify.NotificationHandler;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The kinds of request in {@link HostileInputTest}'s webhook flood, each with the status it must get. */
enum FloodRequest {
    VALID("valid push", 202),
    WRONG_TOKEN("wrong bearer token", 401),
    NO_TOKEN("no Authorization", 401),
    NOT_JSON("body that is not JSON", 400),
    BAD_REPOSITORY("repository with '..' and uppercase", 400),
    WRONG_TYPE("Content-Type text/plain", 415),
    UNKNOWN_SOURCE("unknown source /notify/nope", 404),
    GET("GET instead of POST", 405),
    OVERSIZE("body of 1 MiB + 1 byte", 413);

    /** The bearer token the flood's receiver accepts. */
    static final String TOKEN = "flood-token-0123456789abcdef";

    final String label;
    final int status;

    FloodRequest(String label, int status) {
        this.label = label;
        this.status = status;
    }

    /** Two in five valid; one in 100 oversize; the rest spread over the other kinds. */
    static FloodRequest of(int n) {
        if (n % 100 == 99) {
            return OVERSIZE;
        }
        if (n % 5 < 2) {
            return VALID;
        }
        return values()[1 + n % 7];
    }

    HttpRequest request(URI base, int n) {
        String tag = "t" + n;
        String repository = this == BAD_REPOSITORY ? "Demo/../app" : "demo/app";
        String envelope = "{\"events\":[{\"action\":\"push\",\"target\":{\"mediaType\":"
                + "\"application/vnd.oci.image.manifest.v1+json\",\"repository\":\"" + repository
                + "\",\"tag\":\"" + tag + "\",\"url\":\"http://127.0.0.1:5000/v2/demo/app/manifests/" + tag
                + "\"}}]}";
        byte[] body =
                switch (this) {
                    case NOT_JSON -> ("{\"events\":[" + n).getBytes(StandardCharsets.UTF_8);
                    case OVERSIZE -> new byte[NotificationHandler.MAX_BODY_BYTES + 1];
                    default -> envelope.getBytes(StandardCharsets.UTF_8);
                };
        HttpRequest.Builder builder = HttpRequest.newBuilder(
                        base.resolve(this == UNKNOWN_SOURCE ? "nope" : "distribution"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", this == WRONG_TYPE ? "text/plain" : "application/json");
        if (this != NO_TOKEN) {
            builder.header("Authorization", "Bearer " + (this == WRONG_TOKEN ? "x" + TOKEN : TOKEN));
        }
        return this == GET
                ? builder.GET().build()
                : builder.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }
}
