package io.jenkins.plugins.imagestreams.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzz target for every notification parser. The first input byte picks the source ({@code ordinal % 9}: 0
 * distribution, 1 dockerhub, 2 harbor, 3 quay, 4 ghcr, 5 gitlab, 6 artifactory, 7 acr, 8 gar), the rest is the body.
 * In the regular build it replays the seeds under {@code src/test/resources/.../NotificationFuzzTestInputs/<method>/};
 * {@code JAZZER_FUZZ=1} fuzzes it.
 */
class NotificationFuzzTest {
    private static final NotificationSource[] SOURCES = NotificationSource.values();

    @FuzzTest(maxDuration = "5m")
    void parsersThrowOnlyMalformedNotificationAndReturnValidPushes(byte[] input) {
        if (input.length == 0) {
            return;
        }
        NotificationSource source = SOURCES[Byte.toUnsignedInt(input[0]) % SOURCES.length];
        byte[] body = Arrays.copyOfRange(input, 1, input.length);
        List<PushNotification> pushes;
        try {
            pushes = source.parse(body);
        } catch (MalformedNotificationException e) {
            assertThat(e.getMessage()).startsWith(source.pathName()).hasSizeLessThan(2000);
            return;
        }
        for (PushNotification push : pushes) {
            assertThat(push.source()).isEqualTo(source);
            assertThat(push.repository()).isNotEmpty().hasSizeLessThanOrEqualTo(255);
            PushNotification copy =
                    new PushNotification(push.source(), push.registry(), push.repository(), push.tag(), push.digest());
            assertThat(copy).isEqualTo(push);
            assertThat(push.toString()).startsWith(source.pathName() + ":");
        }
    }
}
