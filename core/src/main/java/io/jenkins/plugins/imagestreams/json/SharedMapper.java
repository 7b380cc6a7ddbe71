package io.jenkins.plugins.imagestreams.json;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One plain {@link ObjectMapper} for every class that reads or writes JSON with Jackson's defaults (registry answers,
 * auth files, patches), made when first asked for. A mapper is costly to make (the first one also loads time-zone and
 * locale data) and thread-safe once made, so sharing it saves each of those classes its own, and a command that never
 * parses JSON, such as a digest check, never makes one.
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
