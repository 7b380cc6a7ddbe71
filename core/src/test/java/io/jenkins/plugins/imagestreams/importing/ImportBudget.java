package io.jenkins.plugins.imagestreams.importing;

import io.jenkins.plugins.imagestreams.api.SchedulerSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The most imports of one scheduled tag that {@link SchedulerSettings}' documented policy allows in a given time,
 * whatever the outcomes: after a success the next import waits at least {@code interval × (1 − jitter)}, after the
 * k-th failure in a row at least {@code min(firstRetry × 2^(k−1), interval)} (a Retry-After only lengthens it).
 * Computed by exhaustive search over outcome sequences on a 100 ms grid, rounding every wait down (an upper bound).
 */
final class ImportBudget {
    private static final long GRID_MILLIS = 100;

    private final long afterSuccess;
    private final long firstRetry;
    private final long interval;
    private final Map<Long, Long> memo = new HashMap<>();

    ImportBudget(SchedulerSettings settings) {
        this.interval = settings.interval().toMillis() / GRID_MILLIS;
        this.afterSuccess = (long) (settings.interval().toMillis() * (1 - settings.jitter())) / GRID_MILLIS;
        this.firstRetry = Math.max(1, settings.firstRetry().toMillis() / GRID_MILLIS);
    }

    /** The most imports of one tag within {@code time}, the first one at its start. */
    long maxImports(Duration time) {
        return most(time.toMillis() / GRID_MILLIS, 0);
    }

    /** Imports possible with {@code left} grid steps to go, starting one now after {@code failures} in a row. */
    private long most(long left, int failures) {
        long key = left * 64 + Math.min(failures, 63);
        Long known = memo.get(key);
        if (known != null) {
            return known;
        }
        long best = 1;
        long retry = failures >= 30 ? interval : Math.min(firstRetry << failures, interval);
        if (left >= afterSuccess) {
            best = Math.max(best, 1 + most(left - afterSuccess, 0));
        }
        if (left >= retry) {
            best = Math.max(best, 1 + most(left - retry, Math.min(failures + 1, 40)));
        }
        memo.put(key, best);
        return best;
    }
}
