package io.jenkins.plugins.imagestreams.bench;

import java.util.List;

/**
 * A benchmark's outcome: contenders measured in the same run, in one unit, and the goals stated as ratios.
 *
 * @param id a file-name-safe identifier, used for the chart's file name
 * @param title the heading in the report
 * @param unit the unit of every sample, e.g. "checks/s" or "ms"
 * @param higherIsBetter whether a larger sample is better (rates) or worse (durations)
 * @param setup what was measured on, in one sentence
 * @param results the contenders, in the order the report lists them
 * @param targets the goals
 */
record Comparison(
        String id,
        String title,
        String unit,
        boolean higherIsBetter,
        String setup,
        List<Result> results,
        List<Target> targets) {
    Comparison {
        results = List.copyOf(results);
        targets = List.copyOf(targets);
    }

    Result result(String name) {
        return results.stream()
                .filter(r -> r.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(id + " has no result named " + name));
    }

    double ratio(Target target) {
        return result(target.subject()).median() / result(target.reference()).median();
    }
}
