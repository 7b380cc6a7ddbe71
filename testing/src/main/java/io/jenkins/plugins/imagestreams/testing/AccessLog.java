package io.jenkins.plugins.imagestreams.testing;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts requests in a registry's own access log written since {@link #mark()}: independent evidence of what a copy
 * sent, beside what the copier reports about itself.
 */
public final class AccessLog {
    private static final Pattern REQUEST = Pattern.compile("\"([A-Z]+) (/v2/[^ \"]*) HTTP/[0-9.]+\" (\\d{3})");

    private final RegistryFixture registry;
    private int mark;

    public AccessLog(RegistryFixture registry) {
        this.registry = registry;
    }

    /** Ignores everything logged so far. */
    public void mark() {
        mark = registry.log().length();
    }

    /** Requests since the mark with {@code method} whose path (query included) matches {@code pathRegex}. */
    public int count(String method, String pathRegex) {
        Matcher m = REQUEST.matcher(registry.log().substring(mark));
        int count = 0;
        while (m.find()) {
            if (m.group(1).equals(method) && m.group(2).matches(pathRegex)) {
                count++;
            }
        }
        return count;
    }

    /** Blob content sent to the registry since the mark: upload PATCHes and the PUTs that close uploads. */
    public int blobWrites() {
        return count("PATCH", "/v2/.+/blobs/uploads/.*") + count("PUT", "/v2/.+/blobs/uploads/.*");
    }

    /** Cross-repository mounts the registry answered since the mark. */
    public int mounts() {
        return count("POST", "/v2/.+/blobs/uploads/\\?.*mount=.*");
    }
}
