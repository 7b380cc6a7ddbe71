package io.jenkins.plugins.imagestreams.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import org.junit.Test;

public class RetryPolicyTest {
    private final RetryPolicy policy =
            new RetryPolicy(5, Duration.ofMillis(100), Duration.ofMillis(1000), Duration.ofSeconds(2));

    private static RegistryException failure(Duration retryAfter) {
        return new RegistryException(ErrorCode.UNKNOWN, 503, "a", null, retryAfter, null);
    }

    @Test
    public void backoffIsFullJitterUnderAGrowingCappedCeiling() {
        Random random = new Random(42);
        long[] ceilings = {100, 200, 400, 800, 1000, 1000};
        for (int attempt = 1; attempt <= ceilings.length; attempt++) {
            long max = 0;
            for (int i = 0; i < 500; i++) {
                long wait = policy.delayAfter(attempt, failure(null), random).toMillis();
                assertThat(wait).isBetween(0L, ceilings[attempt - 1]);
                max = Math.max(max, wait);
            }
            assertThat(max)
                    .as("attempt %d spreads up to its ceiling", attempt)
                    .isGreaterThan(ceilings[attempt - 1] / 2);
        }
    }

    @Test
    public void retryAfterIsHonouredUpToTheCap() {
        assertThat(policy.delayAfter(1, failure(Duration.ofMillis(1500)), new Random()))
                .isEqualTo(Duration.ofMillis(1500));
        assertThat(policy.delayAfter(1, failure(Duration.ofHours(1)), new Random()))
                .isEqualTo(Duration.ofSeconds(2));
    }
}
