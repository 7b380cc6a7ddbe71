package io.jenkins.plugins.imagestreams.registry.transport;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.imagestreams.json.JsonTrees;
import io.jenkins.plugins.imagestreams.registry.ErrorCode;
import io.jenkins.plugins.imagestreams.registry.RegistryException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Turns a failed response into a {@link RegistryException}, from the distribution {@code errors[]} body if any. */
final class ErrorBodies {
    private static final int MAX_DETAIL = 300;
    static final String SPEAKS_HTTPS = "the registry may speak HTTPS but was sent plain HTTP, as loopback registries"
            + " without CA certificate are; configure its CA certificate (or mark it insecure) so the client uses"
            + " HTTPS";

    private ErrorBodies() {}

    /**
     * The code is the first the body lists, except that {@link ErrorCode#MANIFEST_BLOB_UNKNOWN} wins wherever it
     * stands: distribution lists the error it met reading a blob (such as {@code DIGEST_INVALID} for a link file read
     * while another upload rewrites it) before the blob it therefore could not find, and the missing blob is what the
     * caller can act on.
     *
     * @param status the HTTP status
     * @param body the capped body; may be empty (HEAD)
     * @param notFound the code a 404 without a body means for this endpoint
     */
    static RegistryException toException(
            String action, int status, byte[] body, ErrorCode notFound, Duration retryAfter) {
        ErrorCode code = null;
        List<String> messages = new ArrayList<>();
        try {
            JsonNode errors = body.length == 0 ? null : JsonTrees.read(body).path("errors");
            if (errors != null && errors.isArray()) {
                for (JsonNode error : errors) {
                    ErrorCode each = ErrorCode.fromSpec(error.path("code").asText(null));
                    if (code == null || each == ErrorCode.MANIFEST_BLOB_UNKNOWN) {
                        code = each;
                    }
                    String message = error.path("message").asText("");
                    messages.add(message.isEmpty() ? each.name() : message);
                }
            }
        } catch (IOException | RuntimeException notJson) {
            messages.add(printable(new String(body, StandardCharsets.UTF_8)));
        }
        if (code == null || code == ErrorCode.UNKNOWN) {
            code = byStatus(status, notFound);
        }
        String detail = messages.isEmpty() ? null : printable(String.join("; ", messages));
        if (status == 400 && new String(body, StandardCharsets.UTF_8).contains("HTTP request to an HTTPS server")) {
            detail = SPEAKS_HTTPS;
        }
        return new RegistryException(code, status, action, detail, retryAfter, null);
    }

    static ErrorCode byStatus(int status, ErrorCode notFound) {
        return switch (status) {
            case 401 -> ErrorCode.UNAUTHORIZED;
            case 403 -> ErrorCode.DENIED;
            case 404 -> notFound;
            case 405 -> ErrorCode.UNSUPPORTED;
            case 413 -> ErrorCode.SIZE_INVALID;
            case 429 -> ErrorCode.TOOMANYREQUESTS;
            default -> ErrorCode.UNKNOWN;
        };
    }

    /** At most {@value #MAX_DETAIL} characters, control characters replaced, so a body cannot forge log lines. */
    static String printable(String text) {
        String trimmed = text.strip();
        if (trimmed.length() > MAX_DETAIL) {
            trimmed = trimmed.substring(0, MAX_DETAIL) + "...";
        }
        return trimmed.replaceAll("\\p{Cntrl}", " ");
    }
}
