package io.jenkins.plugins.imagestreams.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Entry point of the {@code imagestreams} command.
 *
 * <p>Exit codes: 0 success, 1 failure, 2 usage error. Every error is one line on standard error; {@code -v} adds the
 * cause chain.
 */
public final class Main {
    /** The command succeeded. */
    public static final int OK = 0;
    /** The command ran and failed: a registry refused, a stream is missing, a gate said no. */
    public static final int FAILURE = 1;
    /** The command line was wrong: an unknown option, a malformed reference or name. */
    public static final int USAGE = 2;

    private static final String CONVERTER_EXCLUDES = "picocli.converters.excludes";
    private static final String DISABLE_CLOSURES = "picocli.disable.closures";

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command with the given streams, for the launcher and for tests. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        // picocli looks up converters for java.sql and java.time types by reflection, and its default factory Groovy's
        // Closure class by name (which opens the jar to search it), unless told not to: no option has such a type,
        // nothing here is a closure, and the lookups cost a short command some 25 ms, more than parsing its arguments
        defaultProperty(CONVERTER_EXCLUDES, "java\\.sql\\..*,java\\.time\\..*");
        defaultProperty(DISABLE_CLOSURES, "true");
        ImageStreamsCommand root = new ImageStreamsCommand();
        CommandLine commandLine = commandLine(root, args);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setParameterExceptionHandler((e, a) -> {
            err.println("imagestreams: " + e.getMessage());
            err.println("Run 'imagestreams " + commandPath(e.getCommandLine()) + "--help' for usage.");
            return USAGE;
        });
        commandLine.setExecutionExceptionHandler((e, cl, parsed) -> {
            err.println("imagestreams: " + Errors.oneLine(e));
            if (root.verbose()) {
                e.printStackTrace(err);
            }
            return Errors.isUsage(e) ? USAGE : FAILURE;
        });
        return commandLine.execute(args);
    }

    /** The command line for {@code args}: {@code root} and the subcommands {@link Subcommands} picks for them. */
    static CommandLine commandLine(ImageStreamsCommand root, String[] args) {
        CommandLine commandLine = new CommandLine(root.spec());
        for (StoreCommand subcommand : Subcommands.forArgs(args)) {
            commandLine.addSubcommand(subcommand.spec(root));
        }
        return commandLine;
    }

    /** Sets the system property {@code name} to {@code value} unless it is set already (by -D, which wins). */
    private static void defaultProperty(String name, String value) {
        if (System.getProperty(name) == null) {
            System.setProperty(name, value);
        }
    }

    private static String commandPath(CommandLine commandLine) {
        StringBuilder path = new StringBuilder();
        for (CommandLine c = commandLine; c != null && c.getParent() != null; c = c.getParent()) {
            path.insert(0, c.getCommandName() + " ");
        }
        return path.toString();
    }
}
