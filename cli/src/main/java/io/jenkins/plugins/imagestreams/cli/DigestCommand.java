package io.jenkins.plugins.imagestreams.cli;

import io.jenkins.plugins.imagestreams.reference.ImageReference;

/** {@code imagestreams digest REF}: the digest a tag points at now, with one HEAD request. */
final class DigestCommand extends RegistryCommand {
    private String reference;

    @Override
    CommandModel model() {
        CommandModel m = new CommandModel(
                this,
                "digest",
                "Print the digest REF points at now (one HEAD request; the whole index for multi-platform images).");
        m.parameter("REF")
                .description("An image reference, e.g. 127.0.0.1:5000/app:1.2")
                .text(v -> reference = v);
        return m;
    }

    @Override
    public Integer call() throws Exception {
        ImageReference ref = ImageReference.parse(reference);
        try (Workspace ws = Workspace.forRegistry(root, err(), registry())) {
            out().println(ws.service().digest(ref));
        }
        return Main.OK;
    }
}
