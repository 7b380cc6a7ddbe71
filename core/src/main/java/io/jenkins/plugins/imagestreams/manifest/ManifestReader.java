package io.jenkins.plugins.imagestreams.manifest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.jenkins.plugins.imagestreams.service.StreamDefinition;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads stream definitions from OpenShift manifests, as {@code oc apply -f} takes them:
 *
 * <ul>
 *   <li>JSON (a file whose first character is <code>{</code>, as every file of {@code openshift/library} and of the
 *       samples operator, indented with tabs) or YAML, one or several documents;
 *   <li>each document an {@code ImageStream}, an {@code ImageStreamList} or {@code List} of objects, or a {@code
 *       Template} whose {@code objects} are processed with the defaults of its {@code parameters};
 *   <li>objects of other kinds (BuildConfig, Deployment, Service, ...) are skipped, each named in a warning, as long
 *       as the file holds at least one image stream.
 * </ul>
 *
 * How each image stream is read is {@link StreamManifest}'s part. Every error names the source, the document and,
 * within a list or template, the item.
 */
public final class ManifestReader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> LIST_KINDS = Set.of("List", "ImageStreamList");
    private static final String KIND = "ImageStream";

    private ManifestReader() {}

    /**
     * Reads the stream definitions {@code content} holds.
     *
     * @param source how to name the content in messages, such as the file's path
     * @throws InvalidManifestException naming the source, document and field that is wrong, when the content is
     *     neither JSON nor YAML, when a stream is defined twice, or when nothing in it is an image stream
     */
    public static Manifests read(String source, byte[] content) {
        List<JsonNode> documents = documents(source, content);
        List<StreamDefinition> streams = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<String> skippedAll = new ArrayList<>();
        Set<StreamName> seen = new HashSet<>();
        for (int i = 0; i < documents.size(); i++) {
            String where = source + ", document " + (i + 1);
            List<String> skipped = new ArrayList<>();
            for (Located object : imageStreams(documents.get(i), where, skipped)) {
                StreamDefinition definition = StreamManifest.read(object.node(), object.where(), warnings);
                if (!seen.add(definition.name())) {
                    throw new InvalidManifestException(
                            object.where() + ": image stream " + definition.name() + " is defined twice");
                }
                streams.add(definition);
            }
            if (!skipped.isEmpty()) {
                warnings.add(where + ": skipped " + skipped.size() + " object(s) that are not image streams: "
                        + String.join(", ", skipped));
                skippedAll.addAll(skipped);
            }
        }
        if (streams.isEmpty() && !skippedAll.isEmpty()) {
            throw new InvalidManifestException(source + " holds no image stream, only " + String.join(", ", skippedAll)
                    + "; expected kind ImageStream, or an ImageStreamList, List or Template holding image streams");
        }
        return new Manifests(streams, warnings);
    }

    private record Located(JsonNode node, String where) {}

    /** The image streams of one document; the objects of other kinds are added to {@code skipped}. */
    private static List<Located> imageStreams(JsonNode document, String where, List<String> skipped) {
        String kind = kind(document, where);
        List<Located> found = new ArrayList<>();
        if (kind.equals(KIND)) {
            found.add(new Located(document, where));
        } else if (LIST_KINDS.contains(kind)) {
            JsonNode items = list(document, "items", where);
            for (int j = 0; j < items.size(); j++) {
                String at = where + ", item " + (j + 1);
                take(items.get(j), at, skipped, found, null);
            }
        } else if (kind.equals("Template")) {
            TemplateParameters parameters = TemplateParameters.of(document, where);
            JsonNode objects = list(document, "objects", where);
            for (int j = 0; j < objects.size(); j++) {
                String at = where + ", object " + (j + 1);
                take(objects.get(j), at, skipped, found, parameters);
            }
        } else {
            skipped.add(describe(document));
        }
        return found;
    }

    private static void take(
            JsonNode item, String where, List<String> skipped, List<Located> found, TemplateParameters parameters) {
        if (!KIND.equals(kind(item, where))) {
            skipped.add(describe(item));
        } else if (parameters == null) {
            found.add(new Located(item, where));
        } else {
            found.add(new Located(parameters.apply(item, where), where));
        }
    }

    private static String kind(JsonNode object, String where) {
        if (!object.isObject()) {
            throw new InvalidManifestException(where + ": expected an object with kind, apiVersion and metadata");
        }
        JsonNode kind = object.path("kind");
        if (!kind.isTextual() || kind.asText().isBlank()) {
            throw new InvalidManifestException(
                    where + ": kind is missing; expected ImageStream, or an ImageStreamList, List or Template");
        }
        return kind.asText();
    }

    private static JsonNode list(JsonNode document, String field, String where) {
        JsonNode value = document.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return JSON.createArrayNode();
        }
        if (!value.isArray()) {
            throw new InvalidManifestException(where + ": " + field + " must be a list");
        }
        return value;
    }

    /** {@code BuildConfig bc-source}, as a warning names a skipped object. */
    private static String describe(JsonNode object) {
        String name = object.path("metadata").path("name").asText("");
        return object.path("kind").asText() + (name.isEmpty() ? "" : " " + name);
    }

    private static List<JsonNode> documents(String source, byte[] content) {
        if (looksLikeJson(content)) {
            try {
                return parse(JSON, content);
            } catch (IOException json) {
                try {
                    return parse(YAML, content);
                } catch (IOException yaml) {
                    throw new InvalidManifestException(source + " is not valid JSON: " + describe(json), json);
                }
            }
        }
        try {
            return parse(YAML, content);
        } catch (IOException e) {
            throw new InvalidManifestException(source + " is not valid YAML: " + describe(e), e);
        }
    }

    private static List<JsonNode> parse(ObjectMapper mapper, byte[] content) throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> it = mapper.readerFor(JsonNode.class).readValues(content)) {
            while (it.hasNextValue()) {
                JsonNode document = it.nextValue();
                if (document != null && !document.isNull() && !document.isMissingNode()) {
                    documents.add(document);
                }
            }
        } catch (RuntimeException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw e;
        }
        return documents;
    }

    /** Whether the first character after white space (and a byte order mark) opens a JSON object. */
    private static boolean looksLikeJson(byte[] content) {
        for (int i = 0; i < content.length; i++) {
            int b = content[i] & 0xff;
            if (i < 3 && (b == 0xef || b == 0xbb || b == 0xbf)) {
                continue;
            }
            if (!Character.isWhitespace(b)) {
                return b == '{';
            }
        }
        return false;
    }

    private static String describe(IOException e) {
        if (e instanceof JsonProcessingException parse) {
            JsonLocation at = parse.getLocation();
            String message = parse.getOriginalMessage().lines().findFirst().orElse("");
            return at == null ? message : message + " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
        }
        return String.valueOf(e.getMessage());
    }
}
