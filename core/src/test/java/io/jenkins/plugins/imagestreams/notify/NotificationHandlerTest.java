package io.jenkins.plugins.imagestreams.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** The handler called directly, as the Jenkins plugin mounts it on its own URL. */
public class NotificationHandlerTest {
    private static final String TOKEN = "c2VjcmV0LXRva2VuLWZvci10ZXN0cw";
    private static final Map<NotificationSource, NotificationAuthenticator> ENDPOINTS =
            Map.of(NotificationSource.HARBOR, NotificationAuthenticator.bearerToken(TokenHash.of(TOKEN)));
    private static final Map<String, List<String>> AUTHORIZED =
            Map.of("Authorization", List.of("Bearer " + TOKEN), "Content-Type", List.of("application/json"));

    private final List<List<PushNotification>> delivered = new ArrayList<>();
    private final List<LogRecord> logged = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (logged) {
                logged.add(record);
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private final Logger logger = Logger.getLogger(NotificationHandler.class.getName());

    @Before
    public void captureLogs() {
        logger.addHandler(capture);
    }

    @After
    public void releaseLogs() {
        logger.removeHandler(capture);
    }

    private NotificationResponse handle(
            NotificationHandler handler, String token, Map<String, List<String>> headers, byte[] body) {
        return handler.handle("harbor", token, headers, new ByteArrayInputStream(body));
    }

    @Test
    public void acceptedPushRunsTheListenerOnTheGivenExecutor() {
        List<Runnable> queued = new ArrayList<>();
        NotificationHandler handler = new NotificationHandler(ENDPOINTS, delivered::add, queued::add);

        NotificationResponse response = handle(handler, null, AUTHORIZED, Fixtures.bytes("harbor/push-artifact.json"));

        assertThat(response.status()).isEqualTo(202);
        assertThat(delivered).as("nothing runs until the executor runs it").isEmpty();
        queued.forEach(Runnable::run);
        assertThat(delivered).singleElement().satisfies(pushes -> assertThat(pushes)
                .extracting(PushNotification::repository)
                .containsExactly("test-webhook/debian"));
    }

    @Test
    public void fullExecutorAnswers503SoTheRegistryRetries() {
        NotificationHandler handler = new NotificationHandler(ENDPOINTS, delivered::add, task -> {
            throw new RejectedExecutionException("full");
        });

        assertThat(handle(handler, null, AUTHORIZED, Fixtures.bytes("harbor/push-artifact.json"))
                        .status())
                .isEqualTo(503);
    }

    @Test
    public void failingListenerDoesNotEscapeTheExecutorTask() {
        NotificationHandler handler = new NotificationHandler(
                ENDPOINTS,
                pushes -> {
                    throw new IllegalStateException("importer down");
                },
                Runnable::run);

        assertThat(handle(handler, null, AUTHORIZED, Fixtures.bytes("harbor/push-artifact.json"))
                        .status())
                .isEqualTo(202);
    }

    @Test
    public void declaredLengthOverTheCapIs413WithoutReadingTheBody() {
        NotificationHandler handler = new NotificationHandler(ENDPOINTS, delivered::add, Runnable::run);
        Map<String, List<String>> headers =
                Map.of("Authorization", List.of("Bearer " + TOKEN), "content-length", List.of("99999999"));

        assertThat(handle(handler, null, headers, new byte[0]).status()).isEqualTo(413);
        assertThat(delivered).isEmpty();
    }

    @Test
    public void rejectionsAreLoggedWithoutBodyOrToken() {
        NotificationHandler handler = new NotificationHandler(ENDPOINTS, delivered::add, Runnable::run);
        String marker = "BODY-MARKER-7f3a";
        byte[] malformed = ("{\"type\":\"PUSH_ARTIFACT\",\"" + marker + "\":").getBytes(StandardCharsets.UTF_8);
        byte[] wrongRepo =
                Fixtures.withText("harbor/push-artifact.json", "/event_data/repository", "repo_full_name", marker);

        assertThat(handle(handler, null, AUTHORIZED, malformed).status()).isEqualTo(400);
        assertThat(handle(handler, TOKEN, Map.of(), malformed).status()).isEqualTo(401);
        assertThat(handle(handler, null, AUTHORIZED, wrongRepo).status()).isEqualTo(400);

        assertThat(logged).hasSize(3);
        for (LogRecord record : logged) {
            String text = new SimpleFormatter().formatMessage(record);
            assertThat(text)
                    .doesNotContain(TOKEN)
                    .doesNotContain("PUSH_ARTIFACT")
                    .doesNotContain("\n");
        }
        assertThat(new SimpleFormatter().formatMessage(logged.get(2)))
                .as("the offending field is named, abbreviated")
                .contains("event_data.resources[0]", marker);
        assertThat(delivered).isEmpty();
    }

    @Test
    public void sourceNameIsSanitizedInLogs() {
        NotificationHandler handler = new NotificationHandler(ENDPOINTS, delivered::add, Runnable::run);

        NotificationResponse response =
                handler.handle("x\nFAKE LOG LINE", null, Map.of(), new ByteArrayInputStream(new byte[0]));

        assertThat(response.status()).isEqualTo(404);
        assertThat(new SimpleFormatter().formatMessage(logged.get(0))).doesNotContain("\n");
    }

    @Test
    public void controlCharactersFromThePayloadNeverReachTheLog() {
        NotificationHandler handler = new NotificationHandler(ENDPOINTS, delivered::add, Runnable::run);
        byte[] forged = Fixtures.withText(
                "harbor/push-artifact.json",
                "/event_data/repository",
                "repo_full_name",
                "x\nINFO: accepted notification\r\u001b[2J");

        NotificationResponse response = handle(handler, null, AUTHORIZED, forged);

        assertThat(response.status()).isEqualTo(400);
        assertThat(new SimpleFormatter().formatMessage(logged.get(0)))
                .contains("x?INFO: accepted notification")
                .doesNotContain("\n", "\r", "\u001b");
    }
}
