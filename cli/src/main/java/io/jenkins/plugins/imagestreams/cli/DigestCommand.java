package io.jenkins.plugins.imagestreams.cli;

import io.jenkins.plugins.imagestreams.reference.ImageReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code imagestreams digest REF}: the digest a tag points at now, with one HEAD request. */
@Command(
        addMethodSubcommands = false,
        name = "digest",
        description =
                "Print the digest REF points at now (one HEAD request; the whole index for multi-platform images).")
final class DigestCommand extends RegistryCommand {
    @Parameters(paramLabel = "REF", description = "An image reference, e.g. 127.0.0.1:5000/app:1.2")
    private String reference;

    @Override
    public Integer call() throws Exception {
        ImageReference ref = ImageReference.parse(reference);
        try (Workspace ws = Workspace.forRegistry(root, err(), registry())) {
            out().println(ws.service().digest(ref));
        }
        return Main.OK;
    }
}
