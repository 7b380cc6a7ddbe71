package io.jenkins.plugins.imagestreams.json;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One plain {@link ObjectMapper} for the classes that need more of Jackson than trees (patches, notifications, printed
 * output), made when first asked for. A mapper is costly to make (the first one also loads time-zone and locale data)
 * and thread-safe once made, so sharing it saves each of those classes its own. What a one-shot command reads from a
 * registry or an auth file, and the streams it stores, go through {@link JsonTrees} instead, which makes none.
 */
public final class SharedMapper {
    private SharedMapper() {}

    /** The shared mapper; callers must not reconfigure it. */
    public static ObjectMapper get() {
        return Holder.MAPPER;
    }

    private static final class Holder {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }
}
