package io.jenkins.plugins.imagestreams.service;

import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.TagEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What reached which environment: one row per {@code stream:tag} (streams of the same name in different namespaces
 * share a row), one column per namespace, each cell the tag's current image where the namespace has one.
 *
 * <p>Columns are ordered as a pipeline runs: namespaces that name no stage first, then those naming a development
 * stage ({@code dev}, {@code develop}, {@code development}), then test ({@code test}, {@code qa}, {@code ci}, {@code
 * int}, …), then staging ({@code uat}, {@code stage}, {@code staging}, {@code preprod}), then production ({@code
 * prod}, {@code production}, {@code live}); alphabetically within each. A namespace names a stage as a whole or by its
 * last {@code -}-separated part ({@code app-staging}). Rows are sorted by name, then tag.
 *
 * @param namespaces the columns, in order
 * @param rows the rows, in order
 */
public record EnvironmentsView(List<String> namespaces, List<Row> rows) {
    private static final List<List<String>> STAGES = List.of(
            List.of("dev", "develop", "development"),
            List.of("test", "testing", "qa", "ci", "int", "integration"),
            List.of("uat", "stage", "staging", "preprod", "pre-prod"),
            List.of("prod", "production", "live"));

    public EnvironmentsView {
        namespaces = List.copyOf(namespaces);
        rows = List.copyOf(rows);
    }

    /**
     * One row.
     *
     * @param name the stream name, without namespace
     * @param tag the tag
     * @param images the tag's current image per namespace that has one
     */
    public record Row(String name, String tag, Map<String, TagEvent> images) {
        public Row {
            images = Map.copyOf(images);
        }

        /** The image of this row in {@code namespace}. */
        public Optional<TagEvent> image(String namespace) {
            return Optional.ofNullable(images.get(namespace));
        }
    }

    /**
     * The view of {@code streams}.
     *
     * @param columns the namespaces to show, in this order; empty for every namespace of {@code streams}, in pipeline
     *     order
     */
    static EnvironmentsView of(List<ImageStream> streams, List<String> columns) {
        Map<String, Map<String, TagEvent>> cells = new TreeMap<>();
        for (ImageStream stream : streams) {
            for (String tag : stream.tagNames()) {
                stream.currentImage(tag).ifPresent(head -> cells.computeIfAbsent(
                                stream.name().name() + ":" + tag, k -> new LinkedHashMap<>())
                        .put(stream.name().namespace(), head));
            }
        }
        List<Row> rows = new ArrayList<>();
        cells.forEach((key, images) -> {
            int colon = key.lastIndexOf(':');
            rows.add(new Row(key.substring(0, colon), key.substring(colon + 1), images));
        });
        return new EnvironmentsView(columns.isEmpty() ? ordered(streams) : columns, rows);
    }

    /** The namespaces of {@code streams}, in pipeline order. */
    static List<String> ordered(List<ImageStream> streams) {
        TreeSet<String> all = new TreeSet<>();
        streams.stream().map(ImageStream::name).map(StreamName::namespace).forEach(all::add);
        List<String> result = new ArrayList<>(all);
        result.sort(Comparator.comparingInt(EnvironmentsView::stage).thenComparing(Comparator.naturalOrder()));
        return result;
    }

    private static int stage(String namespace) {
        String last = namespace.substring(namespace.lastIndexOf('-') + 1);
        for (int i = 0; i < STAGES.size(); i++) {
            if (STAGES.get(i).contains(last) || STAGES.get(i).contains(namespace)) {
                return i;
            }
        }
        return -1;
    }
}
