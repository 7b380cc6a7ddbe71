package io.jenkins.plugins.imagestreams.cli;

import io.jenkins.plugins.imagestreams.api.ImportResult;
import io.jenkins.plugins.imagestreams.api.RepositoryImport;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.service.ImageStreamService;
import io.jenkins.plugins.imagestreams.service.ImportRequest;
import io.jenkins.plugins.imagestreams.stream.ImportMode;
import io.jenkins.plugins.imagestreams.stream.ImportPolicy;
import io.jenkins.plugins.imagestreams.stream.ReferencePolicy;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import java.io.PrintWriter;
import java.util.Optional;

/**
 * {@code imagestreams import-image}: as {@code oc import-image}, creates or updates a tag whose source is a registry
 * image and imports it now. Unlike {@code oc}, a missing stream is created without {@code --confirm}, and the import
 * mode defaults to PreserveOriginal.
 */
final class ImportImageCommand extends RegistryCommand {
    private String target;
    private String from;
    private boolean all;
    private int maxTags = ImageStreamService.DEFAULT_MAX_TAGS;
    private boolean scheduled;
    private String importMode;
    private String referencePolicy;

    @Override
    CommandModel model() {
        CommandModel m = new CommandModel(
                this,
                "import-image",
                "Import a registry image into a stream tag now, creating the stream or tag when --from is given.",
                "Without --from, re-imports an existing tag from its source.");
        m.parameter("[NS/]STREAM[:TAG]")
                .description("The stream tag to import into (tag: latest).")
                .text(v -> target = v);
        m.option("--from")
                .label("REF")
                .description("The registry image, e.g. 127.0.0.1:5000/app:1.2")
                .text(v -> from = v);
        m.option("--all")
                .description("Import every tag of the --from repository (up to --max-tags).")
                .flag(v -> all = v);
        m.option("--max-tags")
                .label("N")
                .description("With --all: how many tags to import at most (default: ${DEFAULT-VALUE}).")
                .number(maxTags, v -> maxTags = v);
        m.option("--scheduled")
                .description("Re-import the tag periodically (while 'imagestreams watch' runs).")
                .flag(v -> scheduled = v);
        m.option("--import-mode")
                .label("MODE")
                .description("Legacy (one platform of an index) or PreserveOriginal (the whole index; default).")
                .text(v -> importMode = v);
        m.option("--reference-policy")
                .label("POLICY")
                .description("Source (pull from where it was imported; default) or Local (the stream's repository).")
                .text(v -> referencePolicy = v);
        return m;
    }

    @Override
    public Integer call() throws Exception {
        StreamTagArg arg = StreamTagArg.parse(target);
        Optional<ImageReference> source = Optional.ofNullable(from).map(ImageReference::parse);
        Optional<ImportMode> mode = Optional.ofNullable(importMode).map(Flags::importMode);
        Optional<ReferencePolicy> refPolicy =
                Optional.ofNullable(referencePolicy).map(Flags::referencePolicy);
        if (all && arg.tagGiven()) {
            throw new UsageException("--all imports every tag of the repository; name the stream without ':TAG'");
        }
        if (all && source.isEmpty()) {
            throw new UsageException("--all needs --from REPOSITORY, the repository whose tags to import");
        }
        if (!all && maxTags != ImageStreamService.DEFAULT_MAX_TAGS) {
            throw new UsageException("--max-tags only applies with --all");
        }
        try (Workspace ws = workspace()) {
            if (all) {
                ImportPolicy policy = new ImportPolicy(
                        scheduled, registry().insecure(), mode.orElse(ImportPolicy.DEFAULT.importMode()));
                return importAll(ws, arg.stream(), source.get(), policy);
            }
            ImportRequest request = ImportRequest.of(new TagSource.ImageStreamTag(arg.stream(), arg.tag()))
                    .withScheduled(scheduled)
                    .withInsecure(registry().insecure());
            if (source.isPresent()) {
                request = request.withFrom(source.get());
            }
            if (mode.isPresent()) {
                request = request.withImportMode(mode.get());
            }
            if (refPolicy.isPresent()) {
                request = request.withReferencePolicy(refPolicy.get());
            }
            print(arg, importTag(ws, request));
            return Main.OK;
        }
    }

    private static ImportResult importTag(Workspace ws, ImportRequest request) {
        try {
            return ws.service().importTag(request);
        } catch (IllegalArgumentException e) {
            if (request.from().isEmpty()
                    && ws.service().stream(request.tag().stream())
                            .flatMap(s -> s.specTag(request.tag().tag()))
                            .isEmpty()) {
                throw new UsageException("--from is required: " + Errors.oneLine(e));
            }
            throw new CommandFailure(Errors.oneLine(e));
        }
    }

    private int importAll(Workspace ws, StreamName stream, ImageReference source, ImportPolicy policy)
            throws Exception {
        RepositoryImport result = ws.service().importRepository(stream, source, policy, maxTags);
        PrintWriter out = out();
        if (root.output() != OutputFormat.text) {
            Printer.print(out, root.output(), ImportDocuments.repository(stream, result));
        } else {
            result.imported().forEach((tag, r) -> out.println(ImportDocuments.line(stream + ":" + tag, r)));
            out.println(result.summary());
        }
        if (result.failures() > 0) {
            throw new CommandFailure(result.summary());
        }
        return Main.OK;
    }

    private void print(StreamTagArg arg, ImportResult result) {
        PrintWriter out = out();
        if (result instanceof ImportResult.Failed failed) {
            throw new CommandFailure("import of " + arg + " failed ("
                    + failed.condition().reason() + "): " + failed.condition().message());
        }
        if (root.output() != OutputFormat.text) {
            Printer.print(out, root.output(), ImportDocuments.single(arg.stream(), arg.tag(), result));
        } else {
            out.println(ImportDocuments.line(arg.toString(), result));
        }
    }
}
