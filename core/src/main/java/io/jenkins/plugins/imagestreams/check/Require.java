package io.jenkins.plugins.imagestreams.check;

import java.util.Objects;

/**
 * Argument checks for constructors that need several values at once, failing as {@link Objects#requireNonNull(Object,
 * String)} does: with the name of the value that is missing.
 */
public final class Require {
    private Require() {}

    /**
     * Checks that none of {@code values} is null.
     *
     * @param names the names of {@code values}, in their order, separated by commas: {@code "source, target"}
     * @throws NullPointerException whose message is the name of the first null value
     * @throws IllegalArgumentException if {@code names} does not name as many values as there are
     */
    public static void nonNull(String names, Object... values) {
        int named = 1;
        for (int i = names.indexOf(','); i >= 0; i = names.indexOf(',', i + 1)) {
            named++;
        }
        if (named != values.length) {
            throw new IllegalArgumentException("'" + names + "' names " + named + " values, not " + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                throw new NullPointerException(names.split(",")[i].strip());
            }
        }
    }
}
