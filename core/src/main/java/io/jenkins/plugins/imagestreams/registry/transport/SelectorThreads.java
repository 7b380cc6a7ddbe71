package io.jenkins.plugins.imagestreams.registry.transport;

import java.net.http.HttpClient;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The selector thread of a JDK {@link HttpClient} that cannot be closed (before Java 21). The JDK names it {@code
 * HttpClient-<id>-SelectorManager} and prints the same id at the end of the client's {@code toString()}, {@code
 * …HttpClientImpl@1b2c3d(<id>)}; nothing else identifies it, so a client whose {@code toString()} does not end so is
 * left alone.
 */
final class SelectorThreads {
    private static final Pattern CLIENT_ID = Pattern.compile("\\((\\d+)\\)$");

    private SelectorThreads() {}

    /** Interrupts the selector thread of {@code client}, if one is found; it then ends. */
    static void interrupt(HttpClient client) {
        threadName(client).flatMap(SelectorThreads::find).ifPresent(Thread::interrupt);
    }

    /** The name the JDK gives {@code client}'s selector thread, if its {@code toString()} shows its id. */
    static Optional<String> threadName(HttpClient client) {
        Matcher id = CLIENT_ID.matcher(client.toString());
        return id.find() ? Optional.of("HttpClient-" + id.group(1) + "-SelectorManager") : Optional.empty();
    }

    private static Optional<Thread> find(String name) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(name))
                .findFirst();
    }
}
