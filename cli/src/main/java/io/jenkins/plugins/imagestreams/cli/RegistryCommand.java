package io.jenkins.plugins.imagestreams.cli;

/** A subcommand that also talks to registries, as the global registry options say. */
abstract class RegistryCommand extends StoreCommand {
    RegistryOptions registry() {
        return root.registry();
    }

    @Override
    Workspace workspace() {
        return Workspace.open(root, err(), registry());
    }
}
