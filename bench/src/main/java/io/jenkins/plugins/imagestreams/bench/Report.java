package io.jenkins.plugins.imagestreams.bench;

import java.util.List;
import java.util.Locale;

/** Writes {@code results.md}: the machine, the date, and per comparison its medians, ratios and goals. */
final class Report {
    private Report() {}

    static String markdown(Machine machine, List<Comparison> comparisons) {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmark results\n\n");
        md.append("Written by `bench/run.sh`; every comparison below ran its contenders in the same run, on the same ")
                .append(
                        "machine, against registries started on loopback. Medians over rounds; ratios are of medians.\n\n");
        md.append(machine.markdown()).append('\n');
        md.append("## Summary\n\n| comparison | goal | ratio | met |\n|---|---|---|---|\n");
        for (Comparison c : comparisons) {
            for (Target t : c.targets()) {
                double ratio = c.ratio(t);
                md.append(String.format(
                        Locale.ROOT,
                        "| %s | %s | %s× | %s |%n",
                        c.title(),
                        t.description(),
                        number(ratio),
                        t.met(ratio) ? "yes" : "**no**"));
            }
        }
        for (Comparison c : comparisons) {
            md.append("\n## ").append(c.title()).append("\n\n");
            md.append(c.setup()).append("\n\n");
            md.append("![").append(c.title()).append("](").append(c.id()).append(".svg)\n\n");
            md.append("| contender | median (")
                    .append(c.unit())
                    .append(") | min | max | rounds | how |\n|---|---|---|---|---|---|\n");
            for (Result r : c.results()) {
                md.append(String.format(
                        Locale.ROOT,
                        "| %s | %s | %s | %s | %d | %s |%n",
                        r.name(),
                        number(r.median()),
                        number(Stats.percentile(r.samples(), 0)),
                        number(Stats.percentile(r.samples(), 100)),
                        r.samples().size(),
                        r.note()));
            }
            if (!c.targets().isEmpty()) {
                md.append("\n| goal | ratio | met |\n|---|---|---|\n");
                for (Target t : c.targets()) {
                    double ratio = c.ratio(t);
                    md.append(String.format(
                            Locale.ROOT,
                            "| %s (%s / %s %s %s) | %s× | %s |%n",
                            t.description(),
                            t.subject(),
                            t.reference(),
                            t.atLeast() ? "≥" : "≤",
                            number(t.bound()),
                            number(ratio),
                            t.met(ratio) ? "yes" : "**no**"));
                }
            }
        }
        return md.toString();
    }

    /** Three significant figures, no exponent, for tables and charts. */
    static String number(double value) {
        double abs = Math.abs(value);
        if (abs >= 100) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        if (abs >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        if (abs >= 1) {
            return String.format(Locale.ROOT, "%.2f", value);
        }
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
