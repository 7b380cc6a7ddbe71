package io.jenkins.plugins.imagestreams.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.service.StreamList;
import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.TagEvent;
import io.jenkins.plugins.imagestreams.stream.Versioned;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * {@code imagestreams get streams|tags|environments [NAME]}. NAME is {@code [NS/]STREAM}; without a namespace it
 * matches the stream name in every namespace.
 */
final class GetCommand extends StoreCommand {
    private String what;
    private String name;
    private List<String> namespaces;

    @Override
    CommandModel model() {
        CommandModel m = new CommandModel(
                this,
                "get",
                "List streams, tags, or environments (one row per stream tag, one column per namespace).",
                "NAME: [NS/]STREAM; a bare name matches that stream in every namespace.");
        m.parameter("streams|tags|environments").description("What to list.").text(v -> what = v);
        m.parameter("NAME").arity("0..1").description("Only this stream.").text(v -> name = v);
        m.option("--namespaces")
                .split(",")
                .label("NS")
                .description(
                        "For environments: these namespaces as columns, in this order (default: all, dev to prod).")
                .texts(null, v -> namespaces = v);
        return m;
    }

    @Override
    public Integer call() {
        String kind = what.toLowerCase(java.util.Locale.ROOT);
        Optional<StreamFilter> filter = Optional.ofNullable(name).map(StreamFilter::parse);
        if (namespaces != null && !kind.startsWith("env")) {
            throw new UsageException("--namespaces only applies to 'get environments'");
        }
        try (Workspace ws = workspace()) {
            Predicate<StreamName> accepted = n -> filter.map(f -> f.matches(n)).orElse(true);
            PrintWriter out = out();
            Instant now = ws.now();
            switch (kind) {
                case "streams", "stream", "is", "imagestreams" -> streams(out, read(ws, accepted), now);
                case "tags", "tag", "istag", "imagestreamtags" -> tags(out, read(ws, accepted), now);
                case "environments", "environment", "envs", "env" ->
                    Environments.print(
                            out,
                            root.output(),
                            ws.service().environments(accepted, namespaces == null ? List.of() : namespaces));
                default ->
                    throw new UsageException("cannot get '" + what + "'; expected streams, tags or environments");
            }
        }
        return Main.OK;
    }

    /** The streams {@code accepted} names; each that cannot be read is named on standard error. */
    private List<Versioned<ImageStream>> read(Workspace ws, Predicate<StreamName> accepted) {
        StreamList list = ws.service().streams(accepted);
        list.unreadable().forEach((name, why) -> err().println("imagestreams: warning: stream " + name + ": " + why));
        return list.stored();
    }

    private void streams(PrintWriter out, List<Versioned<ImageStream>> streams, Instant now) {
        if (root.output() != OutputFormat.text) {
            Printer.print(
                    out,
                    root.output(),
                    Printer.list(streams.stream().map(StreamDocuments::stream).toList()));
            return;
        }
        Table table = new Table("NAMESPACE", "NAME", "IMAGE REPOSITORY", "TAGS", "UPDATED");
        for (Versioned<ImageStream> stored : streams) {
            ImageStream s = stored.value();
            Optional<Instant> updated = s.status().tags().stream()
                    .flatMap(h -> h.current().stream())
                    .map(TagEvent::created)
                    .max(Comparator.naturalOrder());
            table.row(
                    s.name().namespace(),
                    s.name().name(),
                    Table.orNone(s.repository().map(ImageReference::name).orElse("")),
                    Table.orNone(String.join(",", s.tagNames())),
                    updated.map(u -> Ages.between(u, now) + " ago").orElse("<never>"));
        }
        print(out, table, "no image streams");
    }

    private void tags(PrintWriter out, List<Versioned<ImageStream>> streams, Instant now) {
        if (root.output() != OutputFormat.text) {
            List<ObjectNode> items = new ArrayList<>();
            streams.forEach(s -> s.value().tagNames().forEach(t -> items.add(StreamDocuments.streamTag(s, t))));
            Printer.print(out, root.output(), Printer.list(items));
            return;
        }
        Table table = new Table("NAMESPACE", "NAME", "IMAGE", "UPDATED", "SOURCE", "IMAGE REFERENCE");
        for (Versioned<ImageStream> stored : streams) {
            ImageStream s = stored.value();
            for (String tag : s.tagNames()) {
                Optional<TagEvent> head = s.currentImage(tag);
                table.row(
                        s.name().namespace(),
                        s.name().name() + ":" + tag,
                        head.map(e -> e.image().shortForm()).orElse("<none>"),
                        head.map(e -> Ages.between(e.created(), now) + " ago").orElse("<never>"),
                        StreamDescription.source(s.specTag(tag)),
                        s.pullSpec(tag).orElse("<none>"));
            }
        }
        print(out, table, "no tags");
    }

    private static void print(PrintWriter out, Table table, String none) {
        if (table.isEmpty()) {
            out.println(none);
        } else {
            table.print(out);
        }
    }

    /** {@code [NS/]STREAM}: a bare name matches in every namespace. */
    record StreamFilter(Optional<String> namespace, String name) {
        static StreamFilter parse(String text) {
            StreamName parsed = StreamName.parse(text);
            return new StreamFilter(
                    text.indexOf('/') >= 0 ? Optional.of(parsed.namespace()) : Optional.empty(), parsed.name());
        }

        boolean matches(StreamName stream) {
            return stream.name().equals(name)
                    && namespace.map(stream.namespace()::equals).orElse(true);
        }
    }
}
