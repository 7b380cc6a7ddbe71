package io.jenkins.plugins.imagestreams.workload;

import java.util.regex.Pattern;

/** Kubernetes' own rules for object names, namespaces and labels, so bad input fails before any request. */
final class KubernetesNames {
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile(DNS_LABEL + "(\\." + DNS_LABEL + ")*");
    private static final Pattern LABEL_NAME = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");

    private KubernetesNames() {}

    /** Namespaces and container names: an RFC 1123 label of at most 63 characters. */
    static String requireDnsLabel(String what, String value) {
        if (value == null || value.length() > 63 || !DNS_LABEL.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " '" + value
                    + "' must be 1 to 63 lowercase letters, digits and inner '-' (an RFC 1123 label)");
        }
        return value;
    }

    /** Object names: an RFC 1123 subdomain of at most 253 characters. */
    static String requireObjectName(String what, String value) {
        if (value == null
                || value.length() > 253
                || !DNS_SUBDOMAIN.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " '" + value
                    + "' must be 1 to 253 lowercase letters, digits, '-' and '.' (an RFC 1123 subdomain)");
        }
        return value;
    }

    /** A label key: {@code [prefix/]name}, the prefix a DNS subdomain, the name at most 63 characters. */
    static String requireLabelKey(String key) {
        String name = key;
        int slash = key.indexOf('/');
        if (slash >= 0) {
            String prefix = key.substring(0, slash);
            name = key.substring(slash + 1);
            if (prefix.length() > 253 || !DNS_SUBDOMAIN.matcher(prefix).matches()) {
                throw new IllegalArgumentException(
                        "label key '" + key + "' has prefix '" + prefix + "' that is not a lowercase DNS subdomain");
            }
        }
        if (name.length() > 63 || !LABEL_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("label key '" + key
                    + "' must end in 1 to 63 letters, digits, '-', '_' or '.', starting and ending alphanumeric");
        }
        return key;
    }

    /** A label value: empty, or at most 63 letters, digits, '-', '_', '.', starting and ending alphanumeric. */
    static String requireLabelValue(String key, String value) {
        if (!value.isEmpty()
                && (value.length() > 63 || !LABEL_NAME.matcher(value).matches())) {
            throw new IllegalArgumentException("label value '" + value + "' of key '" + key
                    + "' must be at most 63 letters, digits, '-', '_' or '.', starting and ending alphanumeric");
        }
        return value;
    }
}
