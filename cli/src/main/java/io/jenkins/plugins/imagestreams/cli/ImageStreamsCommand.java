package io.jenkins.plugins.imagestreams.cli;

import io.jenkins.plugins.imagestreams.service.StoreLocation;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ScopeType;

/**
 * The {@code imagestreams} command and the options every subcommand shares: they, {@code --help} and
 * {@code --version} may be given before or after the subcommand. Its subcommands are added by {@link Main}, as
 * {@link Subcommands} says.
 */
final class ImageStreamsCommand {
    private final RegistryOptions registry = new RegistryOptions();
    private String store;
    private Path config;
    private OutputFormat output = OutputFormat.text;
    private boolean verbose;

    /** The model of the whole command line but the subcommands, bound to this command's fields. */
    CommandSpec spec() {
        CommandModel m = new CommandModel(
                this,
                "imagestreams",
                "Image streams on any OCI registry: stable names whose tags track images by digest.");
        m.spec().scopeType(ScopeType.INHERIT).versionProvider(new Version());
        m.standardHelpOptions();
        m.option("--store")
                .inherited()
                .label("DIR|k8s://[CONTEXT/][NAMESPACE]")
                .description("Where history and conditions are kept: a folder (default: $IMAGESTREAMS_HOME, else"
                        + " ~/.imagestreams), or the cluster of a kubeconfig context, in one namespace or all, shared"
                        + " by every process that names it (deploy/kubernetes holds the resource definition and"
                        + " role).")
                .text(v -> store = v);
        m.option("--config")
                .inherited()
                .label("FILE")
                .description("Stream definitions as OpenShift manifests, YAML or JSON (default: <store>/streams.yaml"
                        + " when it exists), applied before every command: tags with a source belong to the file and"
                        + " commands may not change them; other tags and streams stay as commands left them.")
                .path(v -> config = v);
        m.option("-o", "--output")
                .inherited()
                .label("FORMAT")
                .description("Output format where the output is data: ${COMPLETION-CANDIDATES} (default: text).")
                .choice(OutputFormat.class, output, v -> output = v);
        m.option("-v", "--verbose")
                .inherited()
                .description("Print more detail, and the cause chain of errors.")
                .flag(v -> verbose = v);
        registry.define(m);
        return m.spec();
    }

    /** The store: {@code --store}, else {@code $IMAGESTREAMS_HOME}, else {@code ~/.imagestreams}. */
    StoreLocation storeLocation() {
        if (store != null) {
            try {
                return StoreLocation.parse(store);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--store " + e.getMessage());
            }
        }
        String home = System.getenv("IMAGESTREAMS_HOME");
        if (home != null && !home.isBlank()) {
            return new StoreLocation.Files(Path.of(home));
        }
        return new StoreLocation.Files(Path.of(System.getProperty("user.home"), ".imagestreams"));
    }

    /** {@code --config}, else {@code streams.yaml} in a store folder; a Kubernetes store has no default. */
    Optional<Path> configFile() {
        if (config != null) {
            return Optional.of(config);
        }
        return storeLocation() instanceof StoreLocation.Files files
                ? Optional.of(files.directory().resolve("streams.yaml"))
                : Optional.empty();
    }

    boolean explicitConfig() {
        return config != null;
    }

    OutputFormat output() {
        return output;
    }

    boolean verbose() {
        return verbose;
    }

    /** The registry options, given before or after the subcommand. */
    RegistryOptions registry() {
        return registry;
    }
}
