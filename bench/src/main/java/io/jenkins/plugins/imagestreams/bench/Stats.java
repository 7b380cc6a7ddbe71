package io.jenkins.plugins.imagestreams.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Order statistics over samples. */
final class Stats {
    private Stats() {}

    static double median(List<Double> samples) {
        return percentile(samples, 50);
    }

    /** The nearest-rank percentile, {@code p} from 0 to 100. */
    static double percentile(List<Double> samples, double p) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
        List<Double> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }
}
