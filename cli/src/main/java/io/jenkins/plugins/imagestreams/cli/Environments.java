package io.jenkins.plugins.imagestreams.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.imagestreams.service.EnvironmentsView;
import io.jenkins.plugins.imagestreams.stream.TagEvent;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints the core's {@link EnvironmentsView}: one row per {@code stream:tag}, one column per namespace in the view's
 * order, each cell the tag's current short digest, {@code -} where the namespace has no image for it.
 */
final class Environments {
    private Environments() {}

    static void print(PrintWriter out, OutputFormat format, EnvironmentsView view) {
        if (format != OutputFormat.text) {
            Printer.print(out, format, document(view));
            return;
        }
        if (view.rows().isEmpty()) {
            out.println("no images in any stream yet");
            out.flush();
            return;
        }
        List<String> headers = new ArrayList<>();
        headers.add("STREAM:TAG");
        view.namespaces().forEach(ns -> headers.add(ns.toUpperCase(Locale.ROOT)));
        Table table = new Table(headers.toArray(String[]::new));
        for (EnvironmentsView.Row row : view.rows()) {
            List<String> line = new ArrayList<>();
            line.add(row.name() + ":" + row.tag());
            view.namespaces()
                    .forEach(ns -> line.add(
                            row.image(ns).map(e -> e.image().shortForm()).orElse("-")));
            table.row(line);
        }
        table.print(out);
    }

    private static ObjectNode document(EnvironmentsView view) {
        ObjectNode doc = Printer.JSON.createObjectNode();
        ArrayNode columns = doc.putArray("namespaces");
        view.namespaces().forEach(columns::add);
        ArrayNode items = doc.putArray("items");
        for (EnvironmentsView.Row row : view.rows()) {
            ObjectNode item = items.addObject();
            item.put("name", row.name());
            item.put("tag", row.tag());
            ObjectNode images = item.putObject("images");
            for (String ns : view.namespaces()) {
                if (row.image(ns).isPresent()) {
                    TagEvent e = row.image(ns).get();
                    ObjectNode cell = images.putObject(ns);
                    cell.put("image", e.image().toString());
                    cell.put("dockerImageReference", e.dockerImageReference());
                    cell.put("created", e.created().toString());
                }
            }
        }
        return doc;
    }
}
