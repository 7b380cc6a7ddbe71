package io.jenkins.plugins.imagestreams.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.After;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class NotificationsRegistryFixtureTest {
    private static final String EVENTS_TYPE = "application/vnd.docker.distribution.events.v1+json";

    private final List<String> contentTypes = new CopyOnWriteArrayList<>();
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final TemporaryFolder tmp = new TemporaryFolder();
    private HttpServer listener;

    @After
    public void stopListener() {
        if (listener != null) {
            listener.stop(0);
        }
        tmp.delete();
    }

    @Test
    public void pushIsPostedAsEventEnvelopeAndHeadPostsNoPullEvent() throws Exception {
        tmp.create();
        URI endpoint = startListener();
        try (RegistryFixture registry =
                RegistryFixture.builder().notifications(endpoint).build().start()) {
            OciLayout image = TestImages.image(tmp.newFolder().toPath(), "notified");
            OciLayout sentinel = TestImages.image(tmp.newFolder().toPath(), "sentinel");

            Skopeo.push(image, registry, "note/app:1");
            JsonNode push = awaitEvent(e -> isManifestPush(e, "note/app", "1"));

            assertThat(push.path("target").path("digest").asText()).isEqualTo(image.digest());
            assertThat(contentTypes).isNotEmpty().allSatisfy(type -> assertThat(type)
                    .startsWith(EVENTS_TYPE));

            assertThat(new RawRegistryHttp(registry).digest("note/app", "1")).contains(image.digest());
            Skopeo.push(sentinel, registry, "note/sentinel:1");
            awaitEvent(e -> isManifestPush(e, "note/sentinel", "1"));

            assertThat(events).noneMatch(e -> e.path("action").asText().equals("pull"));
        }
    }

    private URI startListener() throws Exception {
        listener = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        listener.createContext("/events", exchange -> {
            try (exchange) {
                contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
                JsonNode envelope = new ObjectMapper().readTree(exchange.getRequestBody());
                envelope.path("events").forEach(events::add);
                exchange.sendResponseHeaders(200, -1);
            }
        });
        listener.start();
        return URI.create("http://127.0.0.1:" + listener.getAddress().getPort() + "/events");
    }

    private static boolean isManifestPush(JsonNode event, String repository, String tag) {
        JsonNode target = event.path("target");
        return event.path("action").asText().equals("push")
                && target.path("repository").asText().equals(repository)
                && target.path("tag").asText().equals(tag);
    }

    private JsonNode awaitEvent(Predicate<JsonNode> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            for (JsonNode event : events) {
                if (wanted.test(event)) {
                    return event;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no matching event within 10 s; received: " + events);
    }
}
