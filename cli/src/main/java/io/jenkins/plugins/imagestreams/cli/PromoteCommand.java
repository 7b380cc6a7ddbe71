package io.jenkins.plugins.imagestreams.cli;

import io.jenkins.plugins.imagestreams.api.CopyOptions;
import io.jenkins.plugins.imagestreams.api.ImageSigner;
import io.jenkins.plugins.imagestreams.api.PromotionOptions;
import io.jenkins.plugins.imagestreams.api.PromotionPlan;
import io.jenkins.plugins.imagestreams.service.ClusterAccess;
import io.jenkins.plugins.imagestreams.service.ImageStreamService;
import io.jenkins.plugins.imagestreams.service.PromotionRequest;
import io.jenkins.plugins.imagestreams.stream.PromotionRecord;
import io.jenkins.plugins.imagestreams.stream.SignaturePolicy;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import io.jenkins.plugins.imagestreams.workload.RolloutWait;
import io.jenkins.plugins.imagestreams.workload.WorkloadResult;
import io.jenkins.plugins.imagestreams.workload.WorkloadTarget;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code imagestreams promote}: moves the exact image a stream tag points at into another stream tag, through the
 * core service: gates, copy into the target stream's repository ({@code --copy-to} names it), tag pinned by digest,
 * workloads, and a promotion record beside the target tag's history.
 */
final class PromoteCommand extends RegistryCommand {
    private static final String TAG_LABEL = "[NS/]STREAM:TAG";

    private String source;
    private String to;
    private String copyTo;
    private boolean noAttachments;
    private List<String> deploy = new ArrayList<>();
    private boolean waitForRollout;
    private String timeout = "5m";
    private String requireFrom;
    private List<Path> requireSignature = new ArrayList<>();
    private String signatureIdentity;
    private Path signKey;
    private Path signPassphraseFile;
    private boolean dryRun;
    private String actor;
    private Path kubeconfig;
    private String context;

    @Override
    CommandModel model() {
        CommandModel m = new CommandModel(
                this,
                "promote",
                "Promote the image SOURCE points at now into --to: check gates, copy it (keeping its digest) into the"
                        + " target stream's repository, tag it, update workloads, record the promotion.");
        m.parameter(TAG_LABEL).description("The source tag.").text(v -> source = v);
        m.option("--to")
                .required()
                .label(TAG_LABEL)
                .description("The target tag.")
                .text(v -> to = v);
        m.option("--copy-to")
                .label("REGISTRY/REPO")
                .description("Copy the image into this repository: the target stream's repository (set now if it has"
                        + " none; refused if it has another).")
                .text(v -> copyTo = v);
        m.option("--no-attachments")
                .description("Where the image is copied (--copy-to, or the target stream's repository), copy it"
                        + " alone: leave its signatures, attestations, SBOMs and referrers behind (by default they"
                        + " come along).")
                .flag(v -> noAttachments = v);
        m.option("--deploy")
                .label("KIND/NAMESPACE/NAME[:CONTAINER]")
                .description("A workload to set to the promoted image (repeatable), e.g. deployment/app-prod/web.")
                .texts(deploy, v -> deploy = v);
        m.option("--wait")
                .description("Wait for the workloads to roll out (see --timeout).")
                .flag(v -> waitForRollout = v);
        m.option("--timeout")
                .label("DURATION")
                .description("With --wait: how long to wait, e.g. 90s, 5m (default: ${DEFAULT-VALUE}).")
                .text(timeout, v -> timeout = v);
        m.option("--require-from")
                .label(TAG_LABEL)
                .description("Gate: only promote an image that was in this tag's history.")
                .text(v -> requireFrom = v);
        m.option("--require-signature")
                .label("PUBLIC_KEY_FILE")
                .description("Gate: only promote an image signed (sigstore simple signing, as cosign and skopeo sign)"
                        + " by the key in this PEM file (repeatable: any one of them).")
                .paths(requireSignature, v -> requireSignature = v);
        m.option("--signature-identity")
                .label("RULE")
                .description("With --require-signature: whose signed reference counts: matchRepository (the"
                        + " repository the image is read from; default) or pattern:GLOB, e.g."
                        + " pattern:registry.example.com/team/*.")
                .text(v -> signatureIdentity = v);
        m.option("--sign-key")
                .label("PRIVATE_KEY_FILE")
                .description("Sign the promoted image where it lands (a cosign-compatible simple-signing signature"
                        + " under its sha256-<digest>.sig tag) with this PKCS#8 PEM private key; the payload records"
                        + " the promotion (source, target, actor, time).")
                .path(v -> signKey = v);
        m.option("--sign-passphrase-file")
                .label("FILE")
                .description("With --sign-key: the file holding the passphrase of an encrypted key (first line).")
                .path(v -> signPassphraseFile = v);
        m.option("--dry-run")
                .description("Print what would happen; change nothing.")
                .flag(v -> dryRun = v);
        m.option("--as")
                .label("ACTOR")
                .description("Who promotes, for the record (default: $USER).")
                .text(v -> actor = v);
        m.option("--kubeconfig")
                .label("FILE")
                .description("For --deploy (default: $KUBECONFIG).")
                .path(v -> kubeconfig = v);
        m.option("--context")
                .label("NAME")
                .description("The kubeconfig context for --deploy.")
                .text(v -> context = v);
        return m;
    }

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
        if (!requireSignature.isEmpty()) {
            options = options.withRequireSignature(signaturePolicy());
        } else if (signatureIdentity != null) {
            throw new UsageException("--signature-identity applies to --require-signature; name a public key file");
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
        if (signKey == null && signPassphraseFile != null) {
            throw new UsageException("--sign-passphrase-file applies to --sign-key; name the private key file");
        }
        PrintWriter out = out();
        try (Workspace ws = workspace()) {
            ws.load(sourceTag.stream());
            if (signKey != null && !dryRun) {
                request = new PromotionRequest(
                        request.source(),
                        request.target(),
                        request.options().withSigner(signer(ws)),
                        request.copyTo(),
                        request.cluster());
            }
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

    private ImageSigner signer(Workspace ws) {
        byte[] pem = InputFiles.bytes("--sign-key", signKey);
        char[] passphrase = signPassphraseFile == null
                ? new char[0]
                : InputFiles.text("--sign-passphrase-file", signPassphraseFile)
                        .lines()
                        .findFirst()
                        .orElse("")
                        .toCharArray();
        try {
            return ws.service().signer(pem, passphrase);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--sign-key " + signKey + ": " + Errors.oneLine(e));
        } finally {
            Arrays.fill(pem, (byte) 0);
            Arrays.fill(passphrase, '\0');
        }
    }

    private SignaturePolicy signaturePolicy() {
        List<String> keys = new ArrayList<>();
        for (Path file : requireSignature) {
            keys.add(InputFiles.text("--require-signature", file));
        }
        try {
            return ImageStreamService.checkSignaturePolicy(
                    new SignaturePolicy(keys, signatureIdentity), "--require-signature " + requireSignature);
        } catch (IllegalArgumentException e) {
            throw new UsageException(Errors.oneLine(e));
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
        record.gates().forEach(g -> out.println("  gate " + g));
        record.evidence().signatures().forEach(sig -> out.println("  " + sig));
        record.evidence().attachments().forEach(a -> out.println("  carried " + a));
        for (WorkloadResult result : record.workloads()) {
            out.println("  " + result.summary());
        }
    }
}
