package io.jenkins.plugins.imagestreams.cli;

import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.TagEvent;
import io.jenkins.plugins.imagestreams.stream.TagHistory;
import io.jenkins.plugins.imagestreams.stream.Versioned;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;

/** {@code imagestreams history [NS/]STREAM:TAG}: the tag's {@code items}, newest first. */
final class HistoryCommand extends StoreCommand {
    private String name;

    @Override
    CommandModel model() {
        CommandModel m = new CommandModel(
                this, "history", "List the images a tag pointed at, newest first (entry 0 is current).");
        m.parameter("[NS/]STREAM:TAG").description("The tag (tag: latest).").text(v -> name = v);
        return m;
    }

    @Override
    public Integer call() {
        StreamTagArg arg = StreamTagArg.parse(name);
        try (Workspace ws = workspace()) {
            print(arg, ws.stored(arg.stream()), ws.now());
        }
        return Main.OK;
    }

    private void print(StreamTagArg arg, Versioned<ImageStream> stored, Instant now) {
        ImageStream stream = stored.value();
        if (!stream.tagNames().contains(arg.tag())) {
            throw new CommandFailure("image stream " + arg.stream() + " has no tag '" + arg.tag() + "'; its tags are "
                    + stream.tagNames());
        }
        PrintWriter out = out();
        if (root.output() != OutputFormat.text) {
            Printer.print(out, root.output(), StreamDocuments.history(stored, arg.tag()));
            return;
        }
        TagHistory history = stream.history(arg.tag());
        Table table = new Table("#", "IMAGE", "CREATED", "AGE", "GENERATION", "CAUSE", "REFERENCE");
        List<TagEvent> items = history.items();
        for (int i = 0; i < items.size(); i++) {
            TagEvent e = items.get(i);
            table.row(
                    String.valueOf(i),
                    e.image().shortForm(),
                    e.created().toString(),
                    Ages.between(e.created(), now),
                    String.valueOf(e.generation()),
                    Table.orNone(e.cause()),
                    e.dockerImageReference());
        }
        if (table.isEmpty()) {
            out.println(arg + " has no image yet");
        } else {
            table.print(out);
        }
        history.importFailure()
                .ifPresent(c -> out.println("! import failed (" + c.reason() + "): " + c.message() + ", "
                        + Ages.between(c.lastTransitionTime(), now) + " ago"));
    }
}
