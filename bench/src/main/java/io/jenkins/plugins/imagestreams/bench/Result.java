package io.jenkins.plugins.imagestreams.bench;

import java.util.List;

/**
 * One contender's samples in a comparison: a rate or a duration per round.
 *
 * @param name what was measured, as the report shows it
 * @param samples one value per round, in the comparison's unit
 * @param note what a reader needs to know about how it ran (requests per check, concurrency)
 */
record Result(String name, List<Double> samples, String note) {
    Result {
        samples = List.copyOf(samples);
        if (samples.isEmpty()) {
            throw new IllegalArgumentException(name + " has no samples");
        }
    }

    double median() {
        return Stats.median(samples);
    }
}
