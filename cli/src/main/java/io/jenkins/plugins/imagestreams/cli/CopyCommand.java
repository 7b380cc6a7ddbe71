package io.jenkins.plugins.imagestreams.cli;

import io.jenkins.plugins.imagestreams.api.CopyOptions;
import io.jenkins.plugins.imagestreams.api.CopyResult;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import java.io.PrintWriter;

/**
 * {@code imagestreams copy SRC DST}: as {@code crane copy}, the digest kept, with what is attached to the image
 * (unless {@code --no-attachments}); progress on a terminal.
 */
final class CopyCommand extends RegistryCommand {
    private String source;
    private String target;
    private int parallel = 4;
    private boolean noAttachments;

    @Override
    CommandModel model() {
        CommandModel m = new CommandModel(
                this,
                "copy",
                "Copy an image (a whole index with every platform) between repositories, keeping its digest, with what is"
                        + " attached to it: cosign signatures, attestations and SBOMs (sha256-<hex>.sig, .att, .sbom)"
                        + " and OCI referrers.",
                "Blobs are mounted within a registry and streamed across registries; progress shows on a terminal.");
        m.parameter("SRC").description("The image to copy, by tag or digest.").text(v -> source = v);
        m.parameter("DST")
                .description("Where to, by tag (or by the same digest).")
                .text(v -> target = v);
        m.option("--parallel")
                .label("N")
                .description("How many blobs move at once (default: ${DEFAULT-VALUE}).")
                .number(parallel, v -> parallel = v);
        m.option("--no-attachments")
                .description("Copy the image alone: leave its signatures, attestations, SBOMs and referrers behind.")
                .flag(v -> noAttachments = v);
        return m;
    }

    @Override
    public Integer call() throws Exception {
        ImageReference from = ImageReference.parse(source);
        ImageReference to = ImageReference.parse(target);
        if (parallel < 1 || parallel > 32) {
            throw new UsageException("--parallel must be between 1 and 32, was " + parallel);
        }
        PrintWriter out = out();
        try (Workspace ws = Workspace.forRegistry(root, err(), registry(), parallel)) {
            CopyOptions options = CopyOptions.defaults().withAttachments(!noAttachments);
            CopyProgress progress = null;
            if (System.console() != null) {
                progress = new CopyProgress(err());
                options = options.withListener(progress);
            }
            CopyResult result = ws.service().copy(from, to, options, parallel);
            if (progress != null) {
                progress.finish();
            }
            if (root.output() != OutputFormat.text) {
                Printer.print(out, root.output(), CopyDocuments.result(from, to, result));
                return Main.OK;
            }
            out.println("Copied " + from + " to " + to + ": " + result.digest());
            out.println("  " + result.blobsUploaded() + " blobs uploaded (" + CopyProgress.bytes(result.bytesUploaded())
                    + "), " + result.blobsMounted() + " mounted, " + result.blobsSkipped() + " already there, "
                    + result.manifestsPushed() + " manifests pushed");
            result.carried().forEach(attachment -> out.println("  " + CopyDocuments.carried(attachment)));
            return Main.OK;
        }
    }
}
