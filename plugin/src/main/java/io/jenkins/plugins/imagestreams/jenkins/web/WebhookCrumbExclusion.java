package io.jenkins.plugins.imagestreams.jenkins.web;

import hudson.Extension;
import hudson.security.csrf.CrumbExclusion;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Registries cannot send a crumb; the webhook authenticates them itself. Only the notify URLs are excluded. */
@Extension
public final class WebhookCrumbExclusion extends CrumbExclusion {
    static final String PREFIX = "/" + ImageStreamsWebhook.URL_NAME + "/notify/";

    @Override
    public boolean process(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getPathInfo();
        if (path != null && path.startsWith(PREFIX)) {
            chain.doFilter(request, response);
            return true;
        }
        return false;
    }
}
