package io.jenkins.plugins.imagestreams.cli;

import io.jenkins.plugins.imagestreams.importing.ImportResult;
import io.jenkins.plugins.imagestreams.importing.Importer;
import io.jenkins.plugins.imagestreams.importing.RepositoryImport;
import io.jenkins.plugins.imagestreams.importing.RepositoryImporter;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.registry.RegistryClient;
import io.jenkins.plugins.imagestreams.store.StreamUpdater;
import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.ImportMode;
import io.jenkins.plugins.imagestreams.stream.ImportPolicy;
import io.jenkins.plugins.imagestreams.stream.ReferencePolicy;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import io.jenkins.plugins.imagestreams.stream.TagSpec;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code imagestreams import-image}: as {@code oc import-image}, creates or updates a tag whose source is a registry
 * image and imports it now. Unlike {@code oc}, a missing stream is created without {@code --confirm}, and the import
 * mode defaults to PreserveOriginal.
 */
@Command(
        name = "import-image",
        description = {
            "Import a registry image into a stream tag now, creating the stream or tag when --from is given.",
            "Without --from, re-imports an existing tag from its source."
        })
final class ImportImageCommand implements Callable<Integer> {
    @ParentCommand
    private ImageStreamsCommand root;

    @Parameters(paramLabel = "[NS/]STREAM[:TAG]", description = "The stream tag to import into (tag: latest).")
    private String target;

    @Option(names = "--from", paramLabel = "REF", description = "The registry image, e.g. 127.0.0.1:5000/app:1.2")
    private String from;

    @Option(names = "--all", description = "Import every tag of the --from repository (up to --max-tags).")
    private boolean all;

    @Option(
            names = "--max-tags",
            paramLabel = "N",
            description = "With --all: how many tags to import at most (default: ${DEFAULT-VALUE}).")
    private int maxTags = RepositoryImporter.DEFAULT_MAX_TAGS;

    @Option(names = "--scheduled", description = "Re-import the tag periodically (while 'imagestreams watch' runs).")
    private boolean scheduled;

    @Option(
            names = "--import-mode",
            paramLabel = "MODE",
            description = "Legacy (one platform of an index) or PreserveOriginal (the whole index; default).")
    private String importMode;

    @Option(
            names = "--reference-policy",
            paramLabel = "POLICY",
            description = "Source (pull from where it was imported; default) or Local (the stream's repository).")
    private String referencePolicy;

    @Mixin
    private RegistryOptions registry;

    @Spec
    private CommandSpec spec;

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
        if (!all && maxTags != RepositoryImporter.DEFAULT_MAX_TAGS) {
            throw new UsageException("--max-tags only applies with --all");
        }
        Workspace ws = Workspace.open(root, spec.commandLine().getErr());
        ImportPolicy policy =
                new ImportPolicy(scheduled, registry.insecure(), mode.orElse(ImportPolicy.DEFAULT.importMode()));
        Set<String> insecureHosts = source.filter(s -> registry.insecure())
                .map(s -> Set.of(s.registry()))
                .orElse(Set.of());
        if (all) {
            return importAll(ws, arg.stream(), source.get(), policy);
        }
        if (source.isPresent()) {
            defineTag(ws, arg, source.get(), policy, refPolicy);
        } else {
            insecureHosts = redefineTag(ws, arg, mode, refPolicy);
        }
        try (RegistryClient client = registry.newClient(insecureHosts)) {
            Importer importer = new Importer(client, ws.store(), ws.clock(), ws::changed);
            ImportResult result = importer.importTag(arg.stream(), arg.tag());
            print(arg, result);
            return Main.OK;
        }
    }

    private void defineTag(
            Workspace ws,
            StreamTagArg arg,
            ImageReference source,
            ImportPolicy policy,
            Optional<ReferencePolicy> refPolicy) {
        Optional<TagSpec> owned = ws.configured().owned(arg.stream(), arg.tag());
        if (owned.isPresent() && !owned.get().from().equals(Optional.of(new TagSource.DockerImage(source)))) {
            ws.configured().requireNotOwned(arg.stream(), arg.tag(), "change the source of");
        }
        ws.createIfMissing(arg.stream());
        new StreamUpdater(ws.store()).update(arg.stream(), s -> {
            Optional<TagSpec> existing = s.specTag(arg.tag());
            TagSpec tag = TagSpec.builder(arg.tag())
                    .from(new TagSource.DockerImage(source))
                    .importPolicy(policy)
                    .referencePolicy(refPolicy.orElse(
                            existing.map(TagSpec::referencePolicy).orElse(ReferencePolicy.SOURCE)))
                    .annotations(existing.map(TagSpec::annotations).orElse(Map.of()))
                    .build();
            return s.withTag(tag);
        });
    }

    /** Applies the flags given to an existing registry tag, as {@code oc import-image} does (flags add, never clear). */
    private Set<String> redefineTag(
            Workspace ws, StreamTagArg arg, Optional<ImportMode> mode, Optional<ReferencePolicy> refPolicy) {
        String missing = "; give --from REF to create it";
        if (ws.store().load(arg.stream()).isEmpty()) {
            throw new UsageException("--from is required: image stream " + arg.stream() + " does not exist" + missing);
        }
        ImageStream stream = ws.load(arg.stream());
        TagSpec existing = stream.specTag(arg.tag())
                .orElseThrow(() -> new UsageException("--from is required: tag '" + arg.tag()
                        + "' does not exist in image stream " + arg.stream() + missing));
        if (existing.dockerImage().isEmpty()) {
            throw new CommandFailure("tag '" + arg.tag() + "' of " + arg.stream() + " points to "
                    + existing.from().map(f -> f.kind() + " " + f.name()).orElse("no source")
                    + (existing.reference() ? " as a reference" : "")
                    + ", so it cannot be re-imported; use the 'tag' command to change it");
        }
        boolean changes = scheduled || registry.insecure() || mode.isPresent() || refPolicy.isPresent();
        if (changes) {
            ws.configured().requireNotOwned(arg.stream(), arg.tag(), "change the import policy of");
            new StreamUpdater(ws.store()).update(arg.stream(), s -> s.specTag(arg.tag())
                    .map(t -> s.withTag(t.withImportPolicy(new ImportPolicy(
                                    t.importPolicy().scheduled() || scheduled,
                                    t.importPolicy().insecure() || registry.insecure(),
                                    mode.orElse(t.importPolicy().importMode())))
                            .withReferencePolicy(refPolicy.orElse(t.referencePolicy()))))
                    .orElse(s));
        }
        boolean insecure = existing.importPolicy().insecure() || registry.insecure();
        return insecure ? Set.of(existing.dockerImage().get().registry()) : Set.of();
    }

    private int importAll(Workspace ws, StreamName stream, ImageReference source, ImportPolicy policy)
            throws Exception {
        if (ws.configured().tags().containsKey(stream)) {
            throw new CommandFailure("cannot import a whole repository into " + stream + ": its tags are defined in "
                    + ws.configured().file().map(Object::toString).orElse("the config") + "; change them there");
        }
        Set<String> insecureHosts = registry.insecure() ? Set.of(source.registry()) : Set.of();
        try (RegistryClient client = registry.newClient(insecureHosts)) {
            Importer importer = new Importer(client, ws.store(), ws.clock(), ws::changed);
            RepositoryImport result = new RepositoryImporter(client, ws.store(), importer)
                    .importRepository(stream, source, policy, maxTags);
            PrintWriter out = spec.commandLine().getOut();
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
    }

    private void print(StreamTagArg arg, ImportResult result) {
        PrintWriter out = spec.commandLine().getOut();
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
