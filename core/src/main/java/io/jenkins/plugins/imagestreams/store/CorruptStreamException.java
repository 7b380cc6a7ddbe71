package io.jenkins.plugins.imagestreams.store;

import java.nio.file.Path;

/**
 * A stored stream cannot be read. The file or object is left untouched for a person to repair or remove; other streams
 * work.
 */
public class CorruptStreamException extends StoreException {
    private static final long serialVersionUID = 1L;

    private final transient Path path;

    public CorruptStreamException(Path path, String problem, Throwable cause) {
        super(
                "image stream file " + path + " cannot be read: " + problem
                        + "; it is left untouched: repair it or move it away",
                cause);
        this.path = path;
    }

    /** A stream kept as a Kubernetes object, {@code where} naming it, that cannot be read. */
    public CorruptStreamException(String where, String problem, Throwable cause) {
        super(
                "image stream " + where + " cannot be read: " + problem
                        + "; it is left untouched: repair it with kubectl edit or delete it",
                cause);
        this.path = null;
    }

    /** The file that cannot be read; null for a stream kept elsewhere than in a file. */
    public Path path() {
        return path;
    }
}
