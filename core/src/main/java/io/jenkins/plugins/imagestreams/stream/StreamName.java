package io.jenkins.plugins.imagestreams.stream;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The identity of an image stream: {@code namespace/name}, the namespace {@value #DEFAULT_NAMESPACE} when omitted.
 *
 * <p>Both parts are DNS-1123 labels (lowercase letters, digits and inner {@code -}, at most 63 characters) because
 * they become folder and file names in the store and Kubernetes object names later; {@code ..}, {@code /}, NUL and
 * uppercase can therefore never reach a path.
 */
public final class StreamName implements Comparable<StreamName> {
    public static final String DEFAULT_NAMESPACE = "default";

    private static final int LABEL_MAX = 63;
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    private final String namespace;
    private final String name;

    private StreamName(String namespace, String name) {
        this.namespace = namespace;
        this.name = name;
    }

    /**
     * Parses {@code name} or {@code namespace/name}.
     *
     * @throws InvalidStreamException naming the input and the expected form
     */
    public static StreamName parse(String text) {
        return parse(text, DEFAULT_NAMESPACE);
    }

    /**
     * Parses {@code name} (in {@code defaultNamespace}) or {@code namespace/name}.
     *
     * @throws InvalidStreamException naming the input and the expected form
     */
    public static StreamName parse(String text, String defaultNamespace) {
        if (text == null || text.isEmpty()) {
            throw new InvalidStreamException("image stream name is empty; expected [namespace/]name");
        }
        int slash = text.indexOf('/');
        if (slash < 0) {
            return of(defaultNamespace, text);
        }
        if (text.indexOf('/', slash + 1) >= 0) {
            throw new InvalidStreamException("image stream name " + InvalidStreamException.quote(text)
                    + " has more than one '/'; expected [namespace/]name");
        }
        return of(text.substring(0, slash), text.substring(slash + 1));
    }

    /**
     * The stream {@code name} in {@code namespace}.
     *
     * @throws InvalidStreamException if either is not a DNS-1123 label
     */
    public static StreamName of(String namespace, String name) {
        return new StreamName(requireLabel("namespace", namespace), requireLabel("image stream name", name));
    }

    static String requireLabel(String what, String value) {
        if (value == null || value.isEmpty()) {
            throw new InvalidStreamException(what + " is empty; expected a DNS-1123 label such as 'my-app'");
        }
        if (value.length() > LABEL_MAX || !LABEL.matcher(value).matches()) {
            throw new InvalidStreamException(what + " " + InvalidStreamException.quote(value)
                    + " is not a DNS-1123 label: expected 1 to " + LABEL_MAX
                    + " lowercase letters, digits and '-', starting and ending with a letter or digit");
        }
        return value;
    }

    public String namespace() {
        return namespace;
    }

    public String name() {
        return name;
    }

    @Override
    public int compareTo(StreamName o) {
        int byNamespace = namespace.compareTo(o.namespace);
        return byNamespace != 0 ? byNamespace : name.compareTo(o.name);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StreamName other && namespace.equals(other.namespace) && name.equals(other.name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(namespace, name);
    }

    /** {@code namespace/name}, always with the namespace. */
    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
