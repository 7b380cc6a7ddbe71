package io.jenkins.plugins.imagestreams.stream;

/** How a multi-platform index is imported ({@code importPolicy.importMode}). */
public enum ImportMode {
    /** Track the digest the registry reports for the tag: for an index, the whole index. The default. */
    PRESERVE_ORIGINAL("PreserveOriginal"),
    /** Track one platform's child of an index: the preferred platform, else linux/amd64, else the first child. */
    LEGACY("Legacy");

    private final String wireName;

    ImportMode(String wireName) {
        this.wireName = wireName;
    }

    /** OpenShift's spelling: {@code PreserveOriginal} or {@code Legacy}. */
    public String wireName() {
        return wireName;
    }

    /**
     * Reads OpenShift's spelling; empty means the default.
     *
     * @throws InvalidStreamException for any other value
     */
    public static ImportMode fromWireName(String text) {
        if (text == null || text.isEmpty()) {
            return PRESERVE_ORIGINAL;
        }
        for (ImportMode mode : values()) {
            if (mode.wireName.equals(text)) {
                return mode;
            }
        }
        throw new InvalidStreamException("import mode " + InvalidStreamException.quote(text)
                + " is invalid; valid modes are 'Legacy' and 'PreserveOriginal'");
    }
}
