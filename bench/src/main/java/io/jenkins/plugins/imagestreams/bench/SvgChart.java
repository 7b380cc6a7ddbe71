package io.jenkins.plugins.imagestreams.bench;

import java.util.Locale;

/** A horizontal bar chart of a comparison's medians, as a standalone SVG. */
final class SvgChart {
    private static final int BAR_HEIGHT = 26;
    private static final int GAP = 10;
    private static final int LABEL_WIDTH = 300;
    private static final int PLOT_WIDTH = 420;

    private SvgChart() {}

    static String render(Comparison comparison) {
        double max =
                comparison.results().stream().mapToDouble(Result::median).max().orElse(1);
        int height = 50 + comparison.results().size() * (BAR_HEIGHT + GAP);
        int width = LABEL_WIDTH + PLOT_WIDTH + 120;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\""
                        + " font-size=\"13\">%n",
                width,
                height));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append(String.format(
                Locale.ROOT,
                "<text x=\"10\" y=\"22\" font-size=\"15\" font-weight=\"bold\">%s (median %s, %s)</text>%n",
                escape(comparison.title()),
                escape(comparison.unit()),
                comparison.higherIsBetter() ? "higher is better" : "lower is better"));
        int y = 40;
        for (Result result : comparison.results()) {
            double median = result.median();
            int barWidth = max <= 0 ? 0 : (int) Math.round(median / max * PLOT_WIDTH);
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n",
                    LABEL_WIDTH - 8,
                    y + BAR_HEIGHT / 2 + 5,
                    escape(result.name())));
            svg.append(String.format(
                    Locale.ROOT,
                    "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#3b73b9\"/>%n",
                    LABEL_WIDTH,
                    y,
                    Math.max(1, barWidth),
                    BAR_HEIGHT));
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\">%s</text>%n",
                    LABEL_WIDTH + Math.max(1, barWidth) + 6,
                    y + BAR_HEIGHT / 2 + 5,
                    Report.number(median)));
            y += BAR_HEIGHT + GAP;
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
