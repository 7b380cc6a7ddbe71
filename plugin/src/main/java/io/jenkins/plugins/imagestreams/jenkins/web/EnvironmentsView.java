package io.jenkins.plugins.imagestreams.jenkins.web;

import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.TagEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Where each image is: a row per stream name and tag, a column per namespace, a cell with the short digest and age,
 * coloured by digest so the same image reads the same across environments.
 */
public final class EnvironmentsView {
    private final List<ImageStream> streams;
    private final Instant now = Instant.now();

    EnvironmentsView(List<ImageStream> streams) {
        this.streams = List.copyOf(streams);
    }

    public List<String> getNamespaces() {
        TreeSet<String> namespaces = new TreeSet<>();
        streams.forEach(s -> namespaces.add(s.name().namespace()));
        return new ArrayList<>(namespaces);
    }

    public List<Row> getRows() {
        TreeSet<String> keys = new TreeSet<>();
        for (ImageStream s : streams) {
            s.status().tags().forEach(h -> keys.add(s.name().name() + ":" + h.tag()));
        }
        List<String> namespaces = getNamespaces();
        List<Row> rows = new ArrayList<>();
        for (String key : keys) {
            String name = key.substring(0, key.indexOf(':'));
            String tag = key.substring(key.indexOf(':') + 1);
            List<Cell> cells = new ArrayList<>();
            for (String namespace : namespaces) {
                Optional<TagEvent> current = streams.stream()
                        .filter(s -> s.name().namespace().equals(namespace)
                                && s.name().name().equals(name))
                        .findFirst()
                        .flatMap(s -> s.currentImage(tag));
                cells.add(new Cell(current.map(e -> new HistoryRow(e, now)).orElse(null)));
            }
            rows.add(new Row(key, cells));
        }
        return rows;
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

    /** One namespace's image of a row; empty when the namespace has none. */
    public static final class Cell {
        private final HistoryRow image;

        Cell(HistoryRow image) {
            this.image = image;
        }

        public boolean isEmpty() {
            return image == null;
        }

        public HistoryRow getImage() {
            return image;
        }
    }
}
