package io.jenkins.plugins.imagestreams.cli;

import io.jenkins.plugins.imagestreams.service.StoreCopy;
import io.jenkins.plugins.imagestreams.service.StoreLocation;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import java.io.PrintWriter;
import java.util.List;

/** {@code imagestreams copy-store --to LOCATION}: every stream of {@code --store} into another store, history and all. */
final class CopyStoreCommand extends StoreCommand {
    private String to;

    @Override
    CommandModel model() {
        CommandModel m = new CommandModel(
                this,
                "copy-store",
                "Copy every stream of --store, with its history, conditions and records, into another store: a folder"
                        + " into a cluster (k8s://[CONTEXT/][NAMESPACE]) or back.",
                "A stream the target already holds is left as it is there; exit 1 when one differs from the source.");
        m.option("--to")
                .required()
                .label("DIR|k8s://[CONTEXT/][NAMESPACE]")
                .description("The store to copy into.")
                .text(v -> to = v);
        return m;
    }

    @Override
    public Integer call() {
        StoreLocation target;
        try {
            target = StoreLocation.parse(to);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--to " + e.getMessage());
        }
        try (Workspace source = Workspace.at(root, root.storeLocation(), err());
                Workspace destination = Workspace.at(root, target, err())) {
            StoreCopy copy = source.service().copyStreamsTo(destination.service());
            PrintWriter out = out();
            print(out, "copied", copy.copied());
            print(out, "already there", copy.alreadyThere());
            print(out, "different there, left as it is", copy.different());
            out.printf(
                    "%d copied, %d already there, %d different (into %s)%n",
                    copy.copied().size(),
                    copy.alreadyThere().size(),
                    copy.different().size(),
                    target);
            return copy.complete() ? Main.OK : Main.FAILURE;
        }
    }

    private static void print(PrintWriter out, String what, List<StreamName> names) {
        names.forEach(name -> out.println(what + ": " + name));
    }
}
