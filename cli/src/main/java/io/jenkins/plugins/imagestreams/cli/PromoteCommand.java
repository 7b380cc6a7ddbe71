package io.jenkins.plugins.imagestreams.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.imagestreams.deploy.KubernetesConnection;
import io.jenkins.plugins.imagestreams.deploy.KubernetesDeployer;
import io.jenkins.plugins.imagestreams.deploy.WorkloadUpdater;
import io.jenkins.plugins.imagestreams.promote.CopyOptions;
import io.jenkins.plugins.imagestreams.promote.ImageCopier;
import io.jenkins.plugins.imagestreams.promote.Promoter;
import io.jenkins.plugins.imagestreams.promote.PromotionOptions;
import io.jenkins.plugins.imagestreams.promote.PromotionPlan;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.registry.RegistryClient;
import io.jenkins.plugins.imagestreams.store.StreamUpdater;
import io.jenkins.plugins.imagestreams.stream.PromotionRecord;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import io.jenkins.plugins.imagestreams.workload.RolloutWait;
import io.jenkins.plugins.imagestreams.workload.WorkloadDeployer;
import io.jenkins.plugins.imagestreams.workload.WorkloadResult;
import io.jenkins.plugins.imagestreams.workload.WorkloadTarget;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code imagestreams promote}: moves the exact image a stream tag points at into another stream tag, through the
 * core's {@link Promoter}: gates, copy into the target stream's repository ({@code --copy-to} sets it), tag pinned by
 * digest, workloads, and a promotion record beside the target tag's history.
 */
@Command(
        name = "promote",
        description = {
            "Promote the image SOURCE points at now into --to: check gates, copy it (keeping its digest) into the"
                    + " target stream's repository, tag it, update workloads, record the promotion.",
        })
final class PromoteCommand implements Callable<Integer> {
    @ParentCommand
    private ImageStreamsCommand root;

    @Parameters(paramLabel = "[NS/]STREAM:TAG", description = "The source tag.")
    private String source;

    @Option(names = "--to", required = true, paramLabel = "[NS/]STREAM:TAG", description = "The target tag.")
    private String to;

    @Option(
            names = "--copy-to",
            paramLabel = "REGISTRY/REPO",
            description = "Copy the image into this repository; it becomes the target stream's repository.")
    private String copyTo;

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

    @Mixin
    private RegistryOptions registry;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        StreamTagArg from = StreamTagArg.parseWithTag(source);
        StreamTagArg target = StreamTagArg.parseWithTag(to);
        Optional<ImageReference> repository = Optional.ofNullable(copyTo).map(PromoteCommand::repository);
        List<WorkloadTarget> workloads =
                deploy.stream().map(WorkloadTarget::parse).toList();
        Duration rolloutTimeout = Durations.parse("--timeout", timeout);
        PromotionOptions options = PromotionOptions.by(actor != null ? actor : System.getProperty("user.name", "cli"))
                .withWorkloads(workloads);
        if (requireFrom != null) {
            StreamTagArg gate = StreamTagArg.parseWithTag(requireFrom);
            options = options.withRequireFrom(new TagSource.ImageStreamTag(gate.stream(), gate.tag()));
        }
        if (waitForRollout) {
            if (workloads.isEmpty()) {
                throw new UsageException("--wait waits for --deploy workloads; name at least one");
            }
            options = options.withRolloutWait(RolloutWait.of(rolloutTimeout));
        }
        CopyProgress progress =
                System.console() != null ? new CopyProgress(spec.commandLine().getErr()) : null;
        if (progress != null) {
            options = options.withCopyOptions(CopyOptions.defaults().withListener(progress));
        }
        TagSource.ImageStreamTag sourceTag = new TagSource.ImageStreamTag(from.stream(), from.tag());
        TagSource.ImageStreamTag targetTag = new TagSource.ImageStreamTag(target.stream(), target.tag());
        Workspace ws = Workspace.open(root, spec.commandLine().getErr());
        ws.configured().requireNotOwned(target.stream(), target.tag(), "promote into");
        ws.load(from.stream());
        PrintWriter out = spec.commandLine().getOut();
        ExecutorService blobs = Executors.newFixedThreadPool(4, daemon());
        try (RegistryClient client = registry.newClient()) {
            Promoter promoter = new Promoter(
                    ws.store(), new ImageCopier(client, blobs, 4), deployer(workloads), ws.clock(), ws::changed);
            if (dryRun) {
                PromotionPlan plan = withRepository(promoter.plan(sourceTag, targetTag, options), repository);
                out.println("Dry run, nothing changed. Promoting " + sourceTag + " to " + targetTag + " would:");
                plan.describe().forEach(line -> out.println("  " + line));
                return Main.OK;
            }
            repository.ifPresent(r -> setRepository(ws, target, r));
            PromotionRecord record = promoter.promote(sourceTag, targetTag, options);
            if (progress != null) {
                progress.finish();
            }
            print(out, record);
            if (!record.succeeded()) {
                throw new CommandFailure("promotion of " + record.image().shortForm() + " into " + targetTag
                        + " moved the tag, but: " + record.message());
            }
            return Main.OK;
        } finally {
            blobs.shutdownNow();
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

    private WorkloadDeployer deployer(List<WorkloadTarget> workloads) {
        if (workloads.isEmpty() || dryRun) {
            return (targets, image, wait) -> List.of();
        }
        KubernetesConnection connection = kubeconfig != null || context != null
                ? KubernetesConnection.kubeconfig(kubeconfig != null ? kubeconfig : defaultKubeconfig(), context)
                : KubernetesConnection.kubeconfig();
        KubernetesClient kubernetes = connection.connect();
        return new KubernetesDeployer(new WorkloadUpdater(kubernetes));
    }

    private static Path defaultKubeconfig() {
        String env = System.getenv("KUBECONFIG");
        if (env != null && !env.isBlank()) {
            return Path.of(env.split(java.io.File.pathSeparator)[0]);
        }
        return Path.of(System.getProperty("user.home"), ".kube", "config");
    }

    private static void setRepository(Workspace ws, StreamTagArg target, ImageReference repository) {
        ws.createIfMissing(target.stream());
        new StreamUpdater(ws.store())
                .update(target.stream(), s -> s.withSpec(s.spec().withRepository(repository)));
    }

    /** The plan as it will be once {@code --copy-to} has set the target stream's repository. */
    private static PromotionPlan withRepository(PromotionPlan plan, Optional<ImageReference> repository) {
        if (repository.isEmpty()) {
            return plan;
        }
        return new PromotionPlan(
                plan.source(),
                plan.target(),
                plan.image(),
                plan.sourcePullSpec(),
                Optional.of(repository.get().withTag(plan.target().tag())),
                repository.get().withDigest(plan.image()).toString(),
                plan.previousImage(),
                plan.gates(),
                plan.workloads());
    }

    private static ImageReference repository(String text) {
        String last = text.substring(text.lastIndexOf('/') + 1);
        if (text.indexOf('/') < 0 || last.contains(":") || text.contains("@")) {
            throw new UsageException("--copy-to '" + text
                    + "' must name a repository with its registry and no tag, e.g. registry.example.com/prod/app;"
                    + " the image keeps the target tag's name there");
        }
        ImageReference parsed = ImageReference.parse(text);
        return ImageReference.parse(parsed.name());
    }

    private static java.util.concurrent.ThreadFactory daemon() {
        return r -> {
            Thread thread = new Thread(r, "imagestreams-promote");
            thread.setDaemon(true);
            return thread;
        };
    }
}
