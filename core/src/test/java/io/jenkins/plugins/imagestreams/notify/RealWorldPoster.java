package io.jenkins.plugins.imagestreams.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Posts the payloads under {@code real-world/notifications} (sources in its README) through a real {@link
 * NotificationHandler} whose every source accepts {@link #SECRET} the ways its vendor documents ({@link
 * NotificationAuthenticator#documented}), and shows what was imported as {@code registry/repository:tag@digest}.
 */
final class RealWorldPoster {
    static final Path ROOT = Path.of("src/test/resources/real-world/notifications");
    static final String SECRET = "a-shared-secret-of-32-characters";

    private final List<PushNotification> received = new ArrayList<>();
    private final NotificationHandler handler = new NotificationHandler(endpoints(), received::addAll, Runnable::run);

    /** Posts {@code file} and asserts it was accepted; what it imports, one reference per push. */
    List<String> post(String source, String file, Map<String, String> headers) {
        return postWithToken(source, null, file, headers);
    }

    /** As {@link #post}, to {@code /notify/<source>/<pathToken>}. */
    List<String> postWithToken(String source, String pathToken, String file, Map<String, String> headers) {
        received.clear();
        NotificationResponse response = handle(source, pathToken, file, headers);
        assertThat(response.status()).as(file + ": " + response.message()).isEqualTo(NotificationResponse.ACCEPTED);
        return received.stream()
                .map(p -> p.registry().map(r -> r + "/").orElse("")
                        + p.repository()
                        + p.tag().map(t -> ":" + t).orElse("")
                        + p.digest().map(d -> "@" + d).orElse(""))
                .toList();
    }

    /** The answer to {@code file} posted to {@code /notify/<source>[/<pathToken>]}. */
    NotificationResponse handle(String source, String pathToken, String file, Map<String, String> headers) {
        return handle(source, pathToken, body(file), headers);
    }

    NotificationResponse handle(String source, String pathToken, byte[] body, Map<String, String> headers) {
        return handler.handle(source, pathToken, headers(headers), new ByteArrayInputStream(body));
    }

    /** How many pushes the last accepted request handed on. */
    int receivedCount() {
        return received.size();
    }

    static byte[] body(String file) {
        try {
            return Files.readAllBytes(ROOT.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, List<String>> headers(Map<String, String> headers) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        headers.forEach((name, value) -> result.put(name, List.of(value)));
        return result;
    }

    private static Map<NotificationSource, NotificationAuthenticator> endpoints() {
        Map<NotificationSource, NotificationAuthenticator> endpoints = new EnumMap<>(NotificationSource.class);
        for (NotificationSource source : NotificationSource.values()) {
            endpoints.put(source, NotificationAuthenticator.documented(source, SECRET));
        }
        return endpoints;
    }
}
