package io.jenkins.plugins.imagestreams.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The subcommands of {@code imagestreams}, made only when a command line needs them. Building a subcommand's model
 * (its options and their descriptions) costs a short command some milliseconds before it does anything, so a command
 * line that names one subcommand gets that one alone; one that names none, an unknown one, or asks for help gets them all,
 * so that usage and suggestions list every command. A subcommand is made by a switch on its name rather than looked
 * up in a table of constructor references: each reference is linked the first time the table is built, about 0.15 ms
 * apiece in a fresh JVM, and each subcommand's class loaded, for one command of ten that is used.
 */
final class Subcommands {
    /** The root options that take a value, which is therefore not a subcommand's name. */
    private static final Set<String> ROOT_OPTIONS_WITH_VALUES =
            Set.of("--config", "--creds", "-o", "--output", "--registry-ca", "--store");

    private static final Set<String> HELP = Set.of("-h", "--help");

    private Subcommands() {}

    /** The name of every subcommand, in the order usage lists them. */
    static final List<String> NAMES = List.of(
            "import-image", "tag", "describe", "get", "history", "digest", "copy", "promote", "watch", "copy-store");

    /** A new subcommand named {@code name}, or null when none has that name. */
    static StoreCommand make(String name) {
        return switch (name) {
            case "import-image" -> new ImportImageCommand();
            case "tag" -> new TagCommand();
            case "describe" -> new DescribeCommand();
            case "get" -> new GetCommand();
            case "history" -> new HistoryCommand();
            case "digest" -> new DigestCommand();
            case "copy" -> new CopyCommand();
            case "promote" -> new PromoteCommand();
            case "watch" -> new WatchCommand();
            case "copy-store" -> new CopyStoreCommand();
            default -> null;
        };
    }

    /** The subcommands to register for {@code args}: the one they name, or all of them. */
    static List<StoreCommand> forArgs(String[] args) {
        String name = named(args);
        StoreCommand named = name == null || asksForHelp(args) ? null : make(name);
        if (named != null) {
            return List.of(named);
        }
        List<StoreCommand> commands = new ArrayList<>();
        for (String each : NAMES) {
            commands.add(make(each));
        }
        return commands;
    }

    /** The first argument that is neither an option nor an option's value, or null. */
    static String named(String[] args) {
        boolean value = false;
        for (String arg : args) {
            if (value) {
                value = false;
            } else if (ROOT_OPTIONS_WITH_VALUES.contains(arg)) {
                value = true;
            } else if (!arg.startsWith("-")) {
                return arg;
            }
        }
        return null;
    }

    private static boolean asksForHelp(String[] args) {
        for (String arg : args) {
            if (HELP.contains(arg)) {
                return true;
            }
        }
        return false;
    }
}
