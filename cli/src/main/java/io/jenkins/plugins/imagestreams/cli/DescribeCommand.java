package io.jenkins.plugins.imagestreams.cli;

import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.Versioned;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code imagestreams describe [NS/]STREAM}: as {@code oc describe is}; {@code -o json|yaml} prints the stream. */
@Command(
        name = "describe",
        description =
                "Show a stream: each tag, its source, its history newest first with age and digest, its conditions.")
final class DescribeCommand implements Callable<Integer> {
    @ParentCommand
    private ImageStreamsCommand root;

    @Parameters(paramLabel = "[NS/]STREAM", description = "The stream (namespace: default).")
    private String name;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        StreamName streamName = StreamName.parse(name);
        try (Workspace ws = Workspace.open(root, spec.commandLine().getErr())) {
            Versioned<ImageStream> stored = ws.stored(streamName);
            if (root.output() != OutputFormat.text) {
                Printer.print(spec.commandLine().getOut(), root.output(), StreamDocuments.stream(stored));
            } else {
                spec.commandLine().getOut().print(StreamDescription.describe(stored.value(), ws.now()));
                spec.commandLine().getOut().flush();
            }
        }
        return Main.OK;
    }
}
