package io.jenkins.plugins.imagestreams.notify;

/**
 * What to answer a notification request: the HTTP status and a short plain-text reason that never repeats the body
 * or a token.
 */
public record NotificationResponse(int status, String message) {
    public static final int ACCEPTED = 202;
    public static final int BAD_REQUEST = 400;
    public static final int UNAUTHORIZED = 401;
    public static final int NOT_FOUND = 404;
    public static final int METHOD_NOT_ALLOWED = 405;
    public static final int PAYLOAD_TOO_LARGE = 413;
    public static final int UNSUPPORTED_MEDIA_TYPE = 415;
    public static final int SERVICE_UNAVAILABLE = 503;

    /** Whether the notification was taken. */
    public boolean accepted() {
        return status == ACCEPTED;
    }
}
