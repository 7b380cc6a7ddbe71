package io.jenkins.plugins.imagestreams.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.TagEvent;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What reached which environment: one row per {@code stream:tag} (streams of the same name in different namespaces
 * share a row), one column per namespace, each cell the tag's current short digest, {@code -} where the namespace has
 * no image for it. Namespaces are ordered as a pipeline runs: those ending in dev, then test/qa, then stage/staging,
 * then prod/production, others first; alphabetically within each.
 */
final class Environments {
    private static final List<List<String>> STAGES = List.of(
            List.of("dev", "develop", "development"),
            List.of("test", "testing", "qa", "ci", "int", "integration"),
            List.of("uat", "stage", "staging", "preprod", "pre-prod"),
            List.of("prod", "production", "live"));

    private Environments() {}

    static void print(PrintWriter out, OutputFormat format, List<ImageStream> streams, List<String> chosen) {
        List<String> namespaces = chosen != null && !chosen.isEmpty() ? chosen : ordered(streams);
        Map<String, Map<String, TagEvent>> rows = new TreeMap<>();
        for (ImageStream stream : streams) {
            for (String tag : stream.tagNames()) {
                Optional<TagEvent> head = stream.currentImage(tag);
                if (head.isPresent()) {
                    rows.computeIfAbsent(stream.name().name() + ":" + tag, k -> new LinkedHashMap<>())
                            .put(stream.name().namespace(), head.get());
                }
            }
        }
        if (format != OutputFormat.text) {
            Printer.print(out, format, document(namespaces, rows));
            return;
        }
        if (rows.isEmpty()) {
            out.println("no images in any stream yet");
            out.flush();
            return;
        }
        List<String> headers = new ArrayList<>();
        headers.add("STREAM:TAG");
        namespaces.forEach(ns -> headers.add(ns.toUpperCase(Locale.ROOT)));
        Table table = new Table(headers.toArray(String[]::new));
        rows.forEach((row, cells) -> {
            List<String> line = new ArrayList<>();
            line.add(row);
            namespaces.forEach(ns -> line.add(Optional.ofNullable(cells.get(ns))
                    .map(e -> e.image().shortForm())
                    .orElse("-")));
            table.row(line);
        });
        table.print(out);
    }

    private static ObjectNode document(List<String> namespaces, Map<String, Map<String, TagEvent>> rows) {
        ObjectNode doc = Printer.JSON.createObjectNode();
        ArrayNode columns = doc.putArray("namespaces");
        namespaces.forEach(columns::add);
        ArrayNode items = doc.putArray("items");
        rows.forEach((row, cells) -> {
            ObjectNode item = items.addObject();
            int colon = row.lastIndexOf(':');
            item.put("name", row.substring(0, colon));
            item.put("tag", row.substring(colon + 1));
            ObjectNode images = item.putObject("images");
            namespaces.forEach(ns -> {
                TagEvent e = cells.get(ns);
                if (e != null) {
                    ObjectNode cell = images.putObject(ns);
                    cell.put("image", e.image().toString());
                    cell.put("dockerImageReference", e.dockerImageReference());
                    cell.put("created", e.created().toString());
                }
            });
        });
        return doc;
    }

    /** The namespaces of {@code streams}, in pipeline order. */
    static List<String> ordered(List<ImageStream> streams) {
        TreeSet<String> all = new TreeSet<>();
        streams.stream().map(ImageStream::name).map(StreamName::namespace).forEach(all::add);
        List<String> result = new ArrayList<>(all);
        result.sort(Comparator.comparingInt(Environments::stage).thenComparing(Comparator.naturalOrder()));
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
