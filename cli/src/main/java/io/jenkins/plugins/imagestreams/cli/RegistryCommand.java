package io.jenkins.plugins.imagestreams.cli;

import picocli.CommandLine.Mixin;

/** A subcommand that also talks to registries, as its registry options say. */
abstract class RegistryCommand extends StoreCommand {
    @Mixin
    RegistryOptions registry;

    @Override
    Workspace workspace() {
        return Workspace.open(root, err(), registry);
    }
}
