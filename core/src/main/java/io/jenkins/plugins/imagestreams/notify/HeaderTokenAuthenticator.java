package io.jenkins.plugins.imagestreams.notify;

import java.util.Objects;
import java.util.Optional;

/** A token in one header, after an optional scheme prefix such as {@code "Bearer "} (matched without case). */
final class HeaderTokenAuthenticator implements NotificationAuthenticator {
    private final String header;
    private final String prefix;
    private final TokenHash token;

    HeaderTokenAuthenticator(String header, String prefix, TokenHash token) {
        this.header = Objects.requireNonNull(header, "header");
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.token = Objects.requireNonNull(token, "token");
    }

    @Override
    public boolean authenticate(NotificationRequest request) {
        Optional<String> value = request.header(header);
        if (value.isEmpty() || value.get().length() < prefix.length()) {
            return false;
        }
        String text = value.get();
        if (!text.regionMatches(true, 0, prefix, 0, prefix.length())) {
            return false;
        }
        return token.matches(text.substring(prefix.length()).trim());
    }

    @Override
    public String toString() {
        return "HeaderToken[" + header + "]";
    }
}
