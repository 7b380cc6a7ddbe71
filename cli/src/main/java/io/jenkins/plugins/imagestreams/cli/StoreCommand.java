package io.jenkins.plugins.imagestreams.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** A subcommand that works on the store: the global options, its output streams, and its {@link Workspace}. */
abstract class StoreCommand implements Callable<Integer> {
    ImageStreamsCommand root;
    private CommandSpec spec;

    /** This command's name, description, options and parameters, bound to its fields. */
    abstract CommandModel model();

    /** This command's model for picocli, as a subcommand of {@code root}, whose options it shares. */
    final CommandSpec spec(ImageStreamsCommand root) {
        this.root = root;
        spec = model().spec();
        return spec;
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** The store the global options name, with the config file applied; the caller closes it. */
    Workspace workspace() {
        return Workspace.open(root, err());
    }
}
