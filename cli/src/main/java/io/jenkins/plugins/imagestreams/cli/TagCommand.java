package io.jenkins.plugins.imagestreams.cli;

import io.jenkins.plugins.imagestreams.api.ImportResult;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.service.ImageStreamService;
import io.jenkins.plugins.imagestreams.service.ImportRequest;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.TagEvent;
import io.jenkins.plugins.imagestreams.stream.TagSource;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code imagestreams tag}: as {@code oc tag}. A stream-tag source is copied as a snapshot by digest; {@code --alias}
 * makes the destination follow it instead (also across streams, which OpenShift does not allow); {@code docker://REF}
 * sets a registry image as the source and imports it now; {@code -d} deletes tags.
 */
final class TagCommand extends RegistryCommand {
    private static final String DOCKER = "docker://";

    private List<String> args = new ArrayList<>();
    private boolean alias;
    private boolean scheduled;
    private boolean delete;

    @Override
    CommandModel model() {
        CommandModel m = new CommandModel(
                this,
                "tag",
                "Point DEST tags at the image SOURCE points at now, or make them follow it (--alias), or delete them"
                        + " (-d).",
                "SOURCE: [NS/]STREAM:TAG, [NS/]STREAM@sha256:<digest or unique prefix>, or docker://REF for a registry"
                        + " image.");
        m.parameter("SOURCE DEST...")
                .arity("1..*")
                .description("The source, then one or more tags.")
                .texts(args, v -> args = v);
        m.option("--alias")
                .description("DEST follows SOURCE whenever it moves, instead of a one-time copy.")
                .flag(v -> alias = v);
        m.option("--scheduled")
                .description("With docker://REF: re-import periodically (while watch runs).")
                .flag(v -> scheduled = v);
        m.option("-d", "--delete")
                .description("Delete the given tags, spec and history.")
                .flag(v -> delete = v);
        return m;
    }

    @Override
    public Integer call() throws Exception {
        if (delete) {
            return delete();
        }
        if (args.size() < 2) {
            throw new UsageException("tag needs a SOURCE and at least one DEST (or -d DEST... to delete)");
        }
        String source = args.get(0);
        List<TagSource.ImageStreamTag> dests = new ArrayList<>();
        for (String dest : args.subList(1, args.size())) {
            dests.add(StreamTagArg.parseWithTag(dest).streamTag());
        }
        if (source.startsWith(DOCKER)) {
            return tagDocker(ImageReference.parse(source.substring(DOCKER.length())), dests);
        }
        if (scheduled || registry().insecure()) {
            throw new UsageException("only registry images (docker://REF) can have --scheduled or --insecure; '"
                    + source + "' is not one");
        }
        if (source.indexOf('@') >= 0) {
            if (alias) {
                throw new UsageException("--alias needs a stream tag ([NS/]STREAM:TAG) to follow, not an image");
            }
            TagSource.ImageStreamImage image =
                    streamSource(() -> TagSource.ImageStreamImage.parse(source, StreamName.DEFAULT_NAMESPACE), source);
            return each(dests, (service, dest) -> {
                TagEvent event = service.tag(image, dest, "tag from " + image);
                return "Tag " + dest + " set to " + image + " (" + event.image() + ").";
            });
        }
        TagSource.ImageStreamTag from =
                streamSource(() -> StreamTagArg.parseWithTag(source), source).streamTag();
        if (alias) {
            return each(dests, (service, dest) -> {
                service.alias(from, dest);
                return "Tag " + dest + " set up to track " + from + ".";
            });
        }
        return each(dests, (service, dest) -> {
            TagEvent event = service.tag(from, dest, "tag from " + from);
            return "Tag " + dest + " set to " + from + " (" + event.image() + ").";
        });
    }

    private int delete() throws Exception {
        if (alias || scheduled) {
            throw new UsageException("-d deletes tags; it takes no --alias or --scheduled");
        }
        List<TagSource.ImageStreamTag> dests = new ArrayList<>();
        for (String dest : args) {
            dests.add(StreamTagArg.parseWithTag(dest).streamTag());
        }
        return each(dests, (service, dest) -> {
            service.untag(dest);
            return "Deleted tag " + dest + ".";
        });
    }

    /** One operation on one destination tag; returns the line to print. */
    private interface TagAction {
        String apply(ImageStreamService service, TagSource.ImageStreamTag dest) throws Exception;
    }

    /** Runs {@code action} on every destination in turn, printing each line; the first failure stops the rest. */
    private int each(List<TagSource.ImageStreamTag> dests, TagAction action) throws Exception {
        PrintWriter out = out();
        try (Workspace ws = workspace()) {
            for (TagSource.ImageStreamTag dest : dests) {
                out.println(action.apply(ws.service(), dest));
            }
        }
        return Main.OK;
    }

    private int tagDocker(ImageReference source, List<TagSource.ImageStreamTag> dests) throws Exception {
        if (alias) {
            throw new UsageException("--alias needs a stream tag ([NS/]STREAM:TAG) to follow, not a registry image");
        }
        List<String> failures = new ArrayList<>();
        each(dests, (service, dest) -> {
            ImportResult result = service.importTag(ImportRequest.of(dest)
                    .withFrom(source)
                    .withScheduled(scheduled)
                    .withInsecure(registry().insecure()));
            String set = scheduled
                    ? "Tag " + dest + " set to import " + source + " periodically."
                    : "Tag " + dest + " set to " + source + ".";
            if (result instanceof ImportResult.Failed) {
                failures.add(ImportDocuments.line(dest.toString(), result));
                return set;
            }
            return set + System.lineSeparator() + ImportDocuments.line(dest.toString(), result);
        });
        if (!failures.isEmpty()) {
            throw new CommandFailure(String.join("; ", failures));
        }
        return Main.OK;
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
