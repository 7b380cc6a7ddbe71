package io.jenkins.plugins.imagestreams.notify;

import java.util.List;

/** Turns one registry's notification body into the pushes it reports. */
interface NotificationParser {
    /**
     * Parses {@code body}.
     *
     * @return the manifest pushes the body reports, empty for events that are not pushes (pulls, deletes, scans)
     * @throws MalformedNotificationException if the body is not the format this registry documents
     */
    List<PushNotification> parse(byte[] body) throws MalformedNotificationException;
}
