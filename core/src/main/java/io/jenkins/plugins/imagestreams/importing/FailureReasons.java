package io.jenkins.plugins.imagestreams.importing;

import io.jenkins.plugins.imagestreams.registry.RegistryException;
import io.jenkins.plugins.imagestreams.stream.TagCondition;

/** Maps registry failures to the {@code ImportSuccess=False} reasons OpenShift uses (plus Timeout, TooManyRequests). */
final class FailureReasons {
    private FailureReasons() {}

    static String reason(RegistryException e) {
        return switch (e.code()) {
            case MANIFEST_UNKNOWN, NAME_UNKNOWN, BLOB_UNKNOWN -> TagCondition.NOT_FOUND;
            case UNAUTHORIZED -> TagCondition.UNAUTHORIZED;
            case DENIED -> TagCondition.FORBIDDEN;
            case TOOMANYREQUESTS -> TagCondition.TOO_MANY_REQUESTS;
            case TIMEOUT -> TagCondition.TIMEOUT;
            case NAME_INVALID, MANIFEST_INVALID, UNSUPPORTED -> TagCondition.INVALID;
            default -> byStatus(e.status());
        };
    }

    private static String byStatus(int status) {
        return switch (status) {
            case 401 -> TagCondition.UNAUTHORIZED;
            case 403 -> TagCondition.FORBIDDEN;
            case 404 -> TagCondition.NOT_FOUND;
            case 408 -> TagCondition.TIMEOUT;
            case 429 -> TagCondition.TOO_MANY_REQUESTS;
            default -> TagCondition.INTERNAL_ERROR;
        };
    }
}
