package io.jenkins.plugins.imagestreams.jenkins.web;

import hudson.Extension;
import hudson.model.UnprotectedRootAction;
import io.jenkins.plugins.imagestreams.jenkins.runtime.ImageStreamsRuntime;
import io.jenkins.plugins.imagestreams.notify.NotificationHandler;
import io.jenkins.plugins.imagestreams.notify.NotificationResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;

/**
 * {@code POST /image-streams-webhook/notify/<source>[/<token>]}: registries' push notifications. Its URL differs from
 * the management page's ({@code /manage/image-streams/}): Jenkins looks root actions up before management links, so a
 * shared name would hide the management page. Core's
 * {@link NotificationHandler} authenticates, parses and answers 202 at once, as the anonymous caller it is: nothing
 * here reads Jenkins data. Imports run later on the image streams pool with the configured registries' credentials.
 * No Jenkins user is involved, hence an unprotected action with its own authentication and a {@link
 * WebhookCrumbExclusion}.
 */
@Extension
public final class ImageStreamsWebhook implements UnprotectedRootAction {
    public static final String URL_NAME = "image-streams-webhook";

    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getDisplayName() {
        return null;
    }

    @Override
    public String getUrlName() {
        return URL_NAME;
    }

    /** Answers with core's status and reason as plain text; never echoes the body or a token. */
    public void doNotify(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException {
        NotificationResponse response = handle(req);
        rsp.setStatus(response.status());
        rsp.setContentType("text/plain;charset=UTF-8");
        try (PrintWriter writer = rsp.getWriter()) {
            writer.println(response.message());
        }
    }

    private static NotificationResponse handle(StaplerRequest2 req) throws IOException {
        if (!"POST".equals(req.getMethod())) {
            return new NotificationResponse(NotificationResponse.METHOD_NOT_ALLOWED, "use POST");
        }
        Optional<NotificationHandler> handler =
                ImageStreamsRuntime.get().running().map(ImageStreamsRuntime.Services::handler);
        if (handler.isEmpty() || handler.get() == null) {
            return new NotificationResponse(NotificationResponse.SERVICE_UNAVAILABLE, "image streams are not running");
        }
        String[] path = pathSegments(req.getRestOfPath());
        if (path.length < 1 || path.length > 2) {
            return new NotificationResponse(
                    NotificationResponse.NOT_FOUND, "expected /" + URL_NAME + "/notify/<source>[/<token>]");
        }
        return handler.get().handle(path[0], path.length == 2 ? path[1] : null, headers(req), req.getInputStream());
    }

    static String[] pathSegments(String restOfPath) {
        String trimmed = restOfPath == null ? "" : restOfPath.replaceAll("^/+|/+$", "");
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/");
    }

    private static Map<String, List<String>> headers(StaplerRequest2 req) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(req.getHeaderNames())) {
            headers.put(name, Collections.list(req.getHeaders(name)));
        }
        return headers;
    }
}
