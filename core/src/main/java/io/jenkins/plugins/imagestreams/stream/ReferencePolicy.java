package io.jenkins.plugins.imagestreams.stream;

/** Which pull spec consumers of a tag get ({@code referencePolicy.type}). */
public enum ReferencePolicy {
    /** The original location pinned by digest: {@code items[0].dockerImageReference}. The default. */
    SOURCE("Source"),
    /** The stream's own repository pinned by digest, when the stream has one; else as {@link #SOURCE}. */
    LOCAL("Local");

    private final String wireName;

    ReferencePolicy(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /**
     * Reads OpenShift's spelling; empty means {@link #SOURCE}.
     *
     * @throws InvalidStreamException for any other value
     */
    public static ReferencePolicy fromWireName(String text) {
        if (text == null || text.isEmpty()) {
            return SOURCE;
        }
        for (ReferencePolicy policy : values()) {
            if (policy.wireName.equals(text)) {
                return policy;
            }
        }
        throw new InvalidStreamException(
                "reference policy " + InvalidStreamException.quote(text) + " is invalid; expected 'Source' or 'Local'");
    }
}
