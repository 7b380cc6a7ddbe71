package io.jenkins.plugins.imagestreams.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The subcommands of {@code imagestreams}, made only when a command line needs them. Building a subcommand's model
 * (its options and their descriptions) costs a short command some milliseconds before it does anything, so a command
 * line that names one subcommand gets that one alone; one that names none, an unknown one, or asks for help gets them all,
 * so that usage and suggestions list every command.
 */
final class Subcommands {
    /** The root options that take a value, which is therefore not a subcommand's name. */
    private static final Set<String> ROOT_OPTIONS_WITH_VALUES =
            Set.of("--config", "--creds", "-o", "--output", "--registry-ca", "--store");

    private static final Set<String> HELP = Set.of("-h", "--help");

    private Subcommands() {}

    /** Every subcommand by name, in the order usage lists them. */
    static Map<String, Supplier<StoreCommand>> all() {
        Map<String, Supplier<StoreCommand>> all = new LinkedHashMap<>();
        all.put("import-image", ImportImageCommand::new);
        all.put("tag", TagCommand::new);
        all.put("describe", DescribeCommand::new);
        all.put("get", GetCommand::new);
        all.put("history", HistoryCommand::new);
        all.put("digest", DigestCommand::new);
        all.put("copy", CopyCommand::new);
        all.put("promote", PromoteCommand::new);
        all.put("watch", WatchCommand::new);
        all.put("copy-store", CopyStoreCommand::new);
        return all;
    }

    /** The subcommands to register for {@code args}: the one they name, or all of them. */
    static List<StoreCommand> forArgs(String[] args) {
        Map<String, Supplier<StoreCommand>> all = all();
        String named = named(args);
        List<StoreCommand> commands = new ArrayList<>();
        if (named != null && all.containsKey(named) && !asksForHelp(args)) {
            commands.add(all.get(named).get());
        } else {
            all.values().forEach(command -> commands.add(command.get()));
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
