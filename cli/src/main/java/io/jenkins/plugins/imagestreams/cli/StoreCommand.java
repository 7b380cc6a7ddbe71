package io.jenkins.plugins.imagestreams.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** A subcommand that works on the store: the global options, its output streams, and its {@link Workspace}. */
abstract class StoreCommand implements Callable<Integer> {
    @ParentCommand
    ImageStreamsCommand root;

    @Spec
    CommandSpec spec;

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
