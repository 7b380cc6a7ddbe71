package io.jenkins.plugins.imagestreams.jenkins.web;

import hudson.model.ModelObject;
import java.time.Instant;
import java.util.List;

/**
 * Where each image is: core's environments view (a row per stream name and tag, a column per namespace in pipeline
 * order), each cell with the short digest and age, coloured by digest so the same image reads the same across
 * environments. A {@link ModelObject}, so that Stapler serves its page.
 */
public final class EnvironmentsView implements ModelObject {
    private final io.jenkins.plugins.imagestreams.service.EnvironmentsView view;
    private final Instant now = Instant.now();

    EnvironmentsView(io.jenkins.plugins.imagestreams.service.EnvironmentsView view) {
        this.view = view;
    }

    @Override
    public String getDisplayName() {
        return Messages.EnvironmentsView_DisplayName();
    }

    public List<String> getNamespaces() {
        return view.namespaces();
    }

    public List<Row> getRows() {
        return view.rows().stream()
                .map(row -> new Row(
                        row.name() + ":" + row.tag(),
                        view.namespaces().stream()
                                .map(ns -> new Cell(row.image(ns)
                                        .map(e -> new HistoryRow(e, now))
                                        .orElse(null)))
                                .toList()))
                .toList();
    }

    /** One stream name and tag across namespaces. */
    public static final class Row {
        private final String label;
        private final List<Cell> cells;

        Row(String label, List<Cell> cells) {
            this.label = label;
            this.cells = cells;
        }

        public String getLabel() {
            return label;
        }

        public List<Cell> getCells() {
            return cells;
        }
    }

    /** One namespace's image of a row; none when the namespace has no image for it. */
    public static final class Cell {
        private final HistoryRow image;

        Cell(HistoryRow image) {
            this.image = image;
        }

        /** Whether the namespace has no image for the row ({@code empty} is a reserved word in Jelly expressions). */
        public boolean isMissing() {
            return image == null;
        }

        public HistoryRow getImage() {
            return image;
        }
    }
}
