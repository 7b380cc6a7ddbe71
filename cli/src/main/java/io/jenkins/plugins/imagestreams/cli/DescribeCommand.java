package io.jenkins.plugins.imagestreams.cli;

import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.Versioned;

/** {@code imagestreams describe [NS/]STREAM}: as {@code oc describe is}; {@code -o json|yaml} prints the stream. */
final class DescribeCommand extends StoreCommand {
    private String name;

    @Override
    CommandModel model() {
        CommandModel m = new CommandModel(
                this,
                "describe",
                "Show a stream: each tag, its source, its history newest first with age and digest, its conditions.");
        m.parameter("[NS/]STREAM")
                .description("The stream (namespace: default).")
                .text(v -> name = v);
        return m;
    }

    @Override
    public Integer call() {
        StreamName streamName = StreamName.parse(name);
        try (Workspace ws = workspace()) {
            Versioned<ImageStream> stored = ws.stored(streamName);
            if (root.output() != OutputFormat.text) {
                Printer.print(out(), root.output(), StreamDocuments.stream(stored));
            } else {
                out().print(StreamDescription.describe(stored.value(), ws.now()));
                out().flush();
            }
        }
        return Main.OK;
    }
}
