package io.jenkins.plugins.imagestreams.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Range;
import picocli.CommandLine.ScopeType;

/**
 * A command's model for picocli (its name, description, options and parameters) declared in code and bound to the
 * command's fields, instead of read from annotations. Reading annotations is what a one-shot command paid most for
 * before it did anything: the JDK parses them and makes a proxy class per annotation type, some 50 ms of every
 * command; a model declared so costs picocli's own work alone.
 *
 * <p>Each option or parameter is declared with its names, label and description, then bound by its type: the
 * method that ends the declaration ({@link Arg#flag}, {@link Arg#text}, …) adds it to the command.
 */
final class CommandModel {
    private final CommandSpec spec;
    private int positionals;

    /**
     * The model of {@code command}, which runs as picocli's user object ({@link java.util.concurrent.Callable}
     * commands are called; others need a subcommand).
     */
    CommandModel(Object command, String name, String... description) {
        spec = CommandSpec.wrapWithoutInspection(command);
        spec.name(name);
        spec.usageMessage().description(description);
    }

    CommandSpec spec() {
        return spec;
    }

    /** An option named {@code names}, e.g. {@code "-o", "--output"}. */
    Arg option(String... names) {
        return new Arg(OptionSpec.builder(names), null);
    }

    /** The next positional parameter, shown as {@code label}; required unless its {@link Arg#arity} allows none. */
    Arg parameter(String label) {
        PositionalParamSpec.Builder positional = PositionalParamSpec.builder()
                .index(Integer.toString(positionals++))
                .required(true);
        return new Arg(null, positional).label(label);
    }

    /** {@code -h, --help} and {@code -V, --version}, as picocli's standard help options word them. */
    CommandModel standardHelpOptions() {
        spec.addOption(OptionSpec.builder("-h", "--help")
                .usageHelp(true)
                .description("Show this help message and exit.")
                .type(boolean.class)
                .scopeType(ScopeType.INHERIT)
                .build());
        spec.addOption(OptionSpec.builder("-V", "--version")
                .versionHelp(true)
                .description("Print version information and exit.")
                .type(boolean.class)
                .scopeType(ScopeType.INHERIT)
                .build());
        return this;
    }

    /**
     * One option or positional parameter being declared: picocli's builder of either kind, which share their
     * attributes but not a public type.
     */
    final class Arg {
        private final OptionSpec.Builder option;
        private final PositionalParamSpec.Builder positional;

        private Arg(OptionSpec.Builder option, PositionalParamSpec.Builder positional) {
            this.option = option;
            this.positional = positional;
        }

        Arg label(String label) {
            if (option != null) {
                option.paramLabel(label);
            } else {
                positional.paramLabel(label);
            }
            return this;
        }

        /** The description; {@code ${DEFAULT-VALUE}} shows the initial value, {@code ${COMPLETION-CANDIDATES}} an enum's. */
        Arg description(String description) {
            if (option != null) {
                option.description(description);
            } else {
                positional.description(description);
            }
            return this;
        }

        /** How many values a parameter takes: {@code 0..1} when it may be left out, {@code 1..*} for the rest. */
        Arg arity(String arity) {
            positional.arity(arity).required(Range.valueOf(arity).min() > 0);
            return this;
        }

        Arg required() {
            option.required(true);
            return this;
        }

        /** An option of the root command that subcommands accept too, before or after their name. */
        Arg inherited() {
            option.scopeType(ScopeType.INHERIT);
            return this;
        }

        /** Values separated by {@code separator} in one argument, besides the option given again. */
        Arg split(String separator) {
            option.splitRegex(separator);
            return this;
        }

        /** An option without value: true when given. */
        void flag(Consumer<Boolean> field) {
            add(boolean.class, null, false, field);
        }

        void text(Consumer<String> field) {
            add(String.class, null, null, field);
        }

        void text(String initial, Consumer<String> field) {
            add(String.class, null, initial, field);
        }

        void number(int initial, Consumer<Integer> field) {
            add(int.class, null, initial, field);
        }

        void path(Consumer<Path> field) {
            add(Path.class, null, null, field);
        }

        /** One of an enum's constants, named case-insensitively. */
        <E extends Enum<E>> void choice(Class<E> type, E initial, Consumer<E> field) {
            add(type, null, initial, field);
        }

        /** Every value given (the option repeated, or a parameter's rest), in order; {@code initial} when none. */
        void texts(List<String> initial, Consumer<List<String>> field) {
            add(List.class, String.class, initial, field);
        }

        /** As {@link #texts}, each value a path. */
        void paths(List<Path> initial, Consumer<List<Path>> field) {
            add(List.class, Path.class, initial, field);
        }

        private <T> void add(Class<?> type, Class<?> element, T initial, Consumer<T> field) {
            Binding<T> binding = new Binding<>(initial, field);
            Class<?>[] auxiliary = element != null ? new Class<?>[] {element} : new Class<?>[0];
            if (option != null) {
                spec.addOption(option.type(type)
                        .auxiliaryTypes(auxiliary)
                        .initialValue(initial)
                        .getter(binding)
                        .setter(binding)
                        .build());
            } else {
                spec.addPositional(positional
                        .type(type)
                        .auxiliaryTypes(auxiliary)
                        .initialValue(initial)
                        .getter(binding)
                        .setter(binding)
                        .build());
            }
        }
    }

    /** A value picocli reads and sets, passed on to a command's field at each set. */
    private static final class Binding<T> implements IGetter, ISetter {
        private final Consumer<T> field;
        private T value;

        Binding(T initial, Consumer<T> field) {
            this.value = initial;
            this.field = field;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <V> V get() {
            return (V) value;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <V> V set(V newValue) {
            V old = (V) value;
            value = (T) newValue;
            field.accept(value);
            return old;
        }
    }
}
