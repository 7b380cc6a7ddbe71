package io.jenkins.plugins.imagestreams.cli;

import io.jenkins.plugins.imagestreams.importing.ImportResult;
import io.jenkins.plugins.imagestreams.importing.Importer;
import io.jenkins.plugins.imagestreams.promote.Tagger;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.registry.RegistryClient;
import io.jenkins.plugins.imagestreams.store.StreamUpdater;
import io.jenkins.plugins.imagestreams.stream.ImportPolicy;
import io.jenkins.plugins.imagestreams.stream.ReferencePolicy;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.TagEvent;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import io.jenkins.plugins.imagestreams.stream.TagSpec;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
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
 * {@code imagestreams tag}: as {@code oc tag}. A stream-tag source is copied as a snapshot by digest; {@code --alias}
 * makes the destination follow it instead (also across streams, which OpenShift does not allow); {@code docker://REF}
 * sets a registry image as the source and imports it now; {@code -d} deletes tags.
 */
@Command(
        name = "tag",
        description = {
            "Point DEST tags at the image SOURCE points at now, or make them follow it (--alias), or delete them (-d).",
            "SOURCE: [NS/]STREAM:TAG, [NS/]STREAM@sha256:<digest or unique prefix>, or docker://REF for a registry"
                    + " image."
        })
final class TagCommand implements Callable<Integer> {
    private static final String DOCKER = "docker://";

    @ParentCommand
    private ImageStreamsCommand root;

    @Parameters(paramLabel = "SOURCE DEST...", arity = "1..*", description = "The source, then one or more tags.")
    private List<String> args = new ArrayList<>();

    @Option(names = "--alias", description = "DEST follows SOURCE whenever it moves, instead of a one-time copy.")
    private boolean alias;

    @Option(names = "--scheduled", description = "With docker://REF: re-import periodically (while watch runs).")
    private boolean scheduled;

    @Option(
            names = {"-d", "--delete"},
            description = "Delete the given tags, spec and history.")
    private boolean delete;

    @Mixin
    private RegistryOptions registry;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (delete) {
            return delete();
        }
        if (args.size() < 2) {
            throw new UsageException("tag needs a SOURCE and at least one DEST (or -d DEST... to delete)");
        }
        String source = args.get(0);
        List<StreamTagArg> dests = new ArrayList<>();
        for (String dest : args.subList(1, args.size())) {
            dests.add(StreamTagArg.parseWithTag(dest));
        }
        if (source.startsWith(DOCKER)) {
            return tagDocker(ImageReference.parse(source.substring(DOCKER.length())), dests);
        }
        if (scheduled || registry.insecure()) {
            throw new UsageException("only registry images (docker://REF) can have --scheduled or --insecure; '"
                    + source + "' is not one");
        }
        if (source.indexOf('@') >= 0) {
            if (alias) {
                throw new UsageException("--alias needs a stream tag ([NS/]STREAM:TAG) to follow, not an image");
            }
            TagSource.ImageStreamImage image =
                    streamSource(() -> TagSource.ImageStreamImage.parse(source, StreamName.DEFAULT_NAMESPACE), source);
            return tagStream(
                    dests,
                    image.toString(),
                    (tagger, dest) -> tagger.tagImage(image, dest.stream(), dest.tag(), "tag from " + image));
        }
        StreamTagArg parsed = streamSource(() -> StreamTagArg.parseWithTag(source), source);
        TagSource.ImageStreamTag from = new TagSource.ImageStreamTag(parsed.stream(), parsed.tag());
        if (alias) {
            return tagAlias(from, dests);
        }
        return tagStream(
                dests,
                from.toString(),
                (tagger, dest) -> tagger.tag(from, dest.stream(), dest.tag(), "tag from " + from));
    }

    private int delete() {
        if (alias || scheduled) {
            throw new UsageException("-d deletes tags; it takes no --alias or --scheduled");
        }
        List<StreamTagArg> dests = new ArrayList<>();
        for (String dest : args) {
            dests.add(StreamTagArg.parseWithTag(dest));
        }
        Workspace ws = Workspace.open(root, spec.commandLine().getErr());
        dests.forEach(d -> ws.configured().requireNotOwned(d.stream(), d.tag(), "delete"));
        Tagger tagger = new Tagger(ws.store(), ws.clock());
        for (StreamTagArg dest : dests) {
            tagger.delete(dest.stream(), dest.tag());
            spec.commandLine().getOut().println("Deleted tag " + dest + ".");
        }
        return Main.OK;
    }

    private interface TagAction {
        TagEvent tag(Tagger tagger, StreamTagArg dest);
    }

    private int tagStream(List<StreamTagArg> dests, String sourceText, TagAction action) {
        Workspace ws = Workspace.open(root, spec.commandLine().getErr());
        dests.forEach(d -> ws.configured().requireNotOwned(d.stream(), d.tag(), "tag into"));
        Tagger tagger = new Tagger(ws.store(), ws.clock());
        PrintWriter out = spec.commandLine().getOut();
        for (StreamTagArg dest : dests) {
            TagEvent event = action.tag(tagger, dest);
            ws.changed(dest.stream());
            out.println("Tag " + dest + " set to " + sourceText + " (" + event.image() + ").");
        }
        return Main.OK;
    }

    private int tagAlias(TagSource.ImageStreamTag from, List<StreamTagArg> dests) {
        Workspace ws = Workspace.open(root, spec.commandLine().getErr());
        dests.forEach(d -> ws.configured().requireNotOwned(d.stream(), d.tag(), "make an alias of"));
        ws.load(from.stream());
        PrintWriter out = spec.commandLine().getOut();
        for (StreamTagArg dest : dests) {
            if (dest.stream().equals(from.stream()) && dest.tag().equals(from.tag())) {
                throw new UsageException("tag " + dest + " cannot follow itself");
            }
            ws.createIfMissing(dest.stream());
            new StreamUpdater(ws.store()).update(dest.stream(), s -> s.withTag(TagSpec.aliasOf(dest.tag(), from)));
            ws.followAliases(dest.stream());
            ws.changed(dest.stream());
            out.println("Tag " + dest + " set up to track " + from + ".");
        }
        return Main.OK;
    }

    private int tagDocker(ImageReference source, List<StreamTagArg> dests) throws Exception {
        if (alias) {
            throw new UsageException("--alias needs a stream tag ([NS/]STREAM:TAG) to follow, not a registry image");
        }
        Workspace ws = Workspace.open(root, spec.commandLine().getErr());
        for (StreamTagArg dest : dests) {
            if (!ws.configured()
                    .owned(dest.stream(), dest.tag())
                    .map(t -> t.from().equals(Optional.of(new TagSource.DockerImage(source))))
                    .orElse(true)) {
                ws.configured().requireNotOwned(dest.stream(), dest.tag(), "change the source of");
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        Set<String> insecureHosts = registry.insecure() ? Set.of(source.registry()) : Set.of();
        try (RegistryClient client = registry.newClient(insecureHosts)) {
            Importer importer = new Importer(client, ws.store(), ws.clock(), ws::changed);
            List<String> failures = new ArrayList<>();
            for (StreamTagArg dest : dests) {
                ws.createIfMissing(dest.stream());
                new StreamUpdater(ws.store()).update(dest.stream(), s -> {
                    TagSpec existing = s.specTag(dest.tag()).orElse(null);
                    TagSpec tag = TagSpec.builder(dest.tag())
                            .from(new TagSource.DockerImage(source))
                            .importPolicy(ImportPolicy.DEFAULT
                                    .withScheduled(scheduled)
                                    .withInsecure(registry.insecure()))
                            .referencePolicy(existing == null ? ReferencePolicy.SOURCE : existing.referencePolicy())
                            .annotations(existing == null ? Map.of() : existing.annotations())
                            .generation(0)
                            .build();
                    return s.withTag(tag);
                });
                out.println(
                        scheduled
                                ? "Tag " + dest + " set to import " + source + " periodically."
                                : "Tag " + dest + " set to " + source + ".");
                ImportResult result = importer.importTag(dest.stream(), dest.tag());
                if (result instanceof ImportResult.Failed) {
                    failures.add(ImportDocuments.line(dest.toString(), result));
                } else {
                    out.println(ImportDocuments.line(dest.toString(), result));
                }
            }
            if (!failures.isEmpty()) {
                throw new CommandFailure(String.join("; ", failures));
            }
            return Main.OK;
        }
    }

    private interface Parse<T> {
        T get();
    }

    /** Parses a stream source, hinting at docker:// when the text looks like a registry reference. */
    private static <T> T streamSource(Parse<T> parse, String text) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            int slash = text.indexOf('/');
            String first = slash < 0 ? "" : text.substring(0, slash);
            boolean looksLikeRegistry = first.contains(".") || first.contains(":") || first.equals("localhost");
            throw new UsageException(
                    Errors.oneLine(e) + (looksLikeRegistry ? "; for a registry image write docker://" + text : ""));
        }
    }
}
