package io.jenkins.plugins.imagestreams.cli;

import io.jenkins.plugins.imagestreams.api.CopyOptions;
import io.jenkins.plugins.imagestreams.api.PromotionOptions;
import io.jenkins.plugins.imagestreams.api.PromotionPlan;
import io.jenkins.plugins.imagestreams.service.ClusterAccess;
import io.jenkins.plugins.imagestreams.service.PromotionRequest;
import io.jenkins.plugins.imagestreams.stream.PromotionRecord;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import io.jenkins.plugins.imagestreams.workload.RolloutWait;
import io.jenkins.plugins.imagestreams.workload.WorkloadResult;
import io.jenkins.plugins.imagestreams.workload.WorkloadTarget;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code imagestreams promote}: moves the exact image a stream tag points at into another stream tag, through the
 * core service: gates, copy into the target stream's repository ({@code --copy-to} names it), tag pinned by digest,
 * workloads, and a promotion record beside the target tag's history.
 */
@Command(
        name = "promote",
        description = {
            "Promote the image SOURCE points at now into --to: check gates, copy it (keeping its digest) into the"
                    + " target stream's repository, tag it, update workloads, record the promotion.",
        })
final class PromoteCommand extends RegistryCommand {

    @Parameters(paramLabel = "[NS/]STREAM:TAG", description = "The source tag.")
    private String source;

    @Option(names = "--to", required = true, paramLabel = "[NS/]STREAM:TAG", description = "The target tag.")
    private String to;

    @Option(
            names = "--copy-to",
            paramLabel = "REGISTRY/REPO",
            description = "Copy the image into this repository: the target stream's repository (set now if it has none;"
                    + " refused if it has another).")
    private String copyTo;

    @Option(
            names = "--no-attachments",
            description = "Where the image is copied (--copy-to, or the target stream's repository), copy it alone:"
                    + " leave its signatures, attestations, SBOMs and referrers behind (by default they come along).")
    private boolean noAttachments;

    @Option(
            names = "--deploy",
            paramLabel = "KIND/NAMESPACE/NAME[:CONTAINER]",
            description = "A workload to set to the promoted image (repeatable), e.g. deployment/app-prod/web.")
    private List<String> deploy = new ArrayList<>();

    @Option(names = "--wait", description = "Wait for the workloads to roll out (see --timeout).")
    private boolean waitForRollout;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            description = "With --wait: how long to wait, e.g. 90s, 5m (default: ${DEFAULT-VALUE}).")
    private String timeout = "5m";

    @Option(
            names = "--require-from",
            paramLabel = "[NS/]STREAM:TAG",
            description = "Gate: only promote an image that was in this tag's history.")
    private String requireFrom;

    @Option(names = "--dry-run", description = "Print what would happen; change nothing.")
    private boolean dryRun;

    @Option(names = "--as", paramLabel = "ACTOR", description = "Who promotes, for the record (default: $USER).")
    private String actor;

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "For --deploy (default: $KUBECONFIG).")
    private Path kubeconfig;

    @Option(names = "--context", paramLabel = "NAME", description = "The kubeconfig context for --deploy.")
    private String context;

    @Override
    public Integer call() throws Exception {
        TagSource.ImageStreamTag sourceTag = StreamTagArg.parseWithTag(source).streamTag();
        TagSource.ImageStreamTag targetTag = StreamTagArg.parseWithTag(to).streamTag();
        List<WorkloadTarget> workloads =
                deploy.stream().map(WorkloadTarget::parse).toList();
        Duration rolloutTimeout = Durations.parse("--timeout", timeout);
        PromotionOptions options = PromotionOptions.by(actor != null ? actor : System.getProperty("user.name", "cli"))
                .withWorkloads(workloads);
        if (requireFrom != null) {
            options = options.withRequireFrom(
                    StreamTagArg.parseWithTag(requireFrom).streamTag());
        }
        if (waitForRollout) {
            if (workloads.isEmpty()) {
                throw new UsageException("--wait waits for --deploy workloads; name at least one");
            }
            options = options.withRolloutWait(RolloutWait.of(rolloutTimeout));
        }
        CopyProgress progress = System.console() != null ? new CopyProgress(err()) : null;
        CopyOptions copyOptions = CopyOptions.defaults().withAttachments(!noAttachments);
        options = options.withCopyOptions(progress != null ? copyOptions.withListener(progress) : copyOptions);
        PromotionRequest request = PromotionRequest.of(sourceTag, targetTag, options);
        if (copyTo != null) {
            try {
                request = request.withCopyTo(copyTo);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--copy-to " + Errors.oneLine(e));
            }
        }
        if (!workloads.isEmpty()) {
            request = request.withCluster(
                    ClusterAccess.kubeconfig(Optional.ofNullable(kubeconfig), Optional.ofNullable(context)));
        }
        PrintWriter out = out();
        try (Workspace ws = workspace()) {
            ws.load(sourceTag.stream());
            if (dryRun) {
                PromotionPlan plan = ws.service().plan(request);
                out.println("Dry run, nothing changed. Promoting " + sourceTag + " to " + targetTag + " would:");
                plan.describe().forEach(line -> out.println("  " + line));
                return Main.OK;
            }
            PromotionRecord record = ws.service().promote(request);
            if (progress != null) {
                progress.finish();
            }
            print(out, record);
            if (!record.succeeded()) {
                throw new CommandFailure("promotion of " + record.image().shortForm() + " into " + targetTag
                        + " moved the tag, but: " + record.message());
            }
            return Main.OK;
        }
    }

    private void print(PrintWriter out, PromotionRecord record) {
        if (root.output() != OutputFormat.text) {
            Printer.print(out, root.output(), PromotionDocuments.record(record));
            return;
        }
        out.println("Promoted " + record.image() + " from " + record.source() + " to " + record.target()
                + (record.copied() ? " (copied to " + record.dockerImageReference() + ")" : "")
                + record.previousImage().map(p -> ", was " + p.shortForm()).orElse(""));
        for (WorkloadResult result : record.workloads()) {
            out.println("  " + result.summary());
        }
    }
}
