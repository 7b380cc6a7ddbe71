package io.jenkins.plugins.imagestreams.registry.endpoint;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds the {@code rel="next"} target in {@code Link} headers (RFC 8288), as registries page tag lists. */
final class LinkHeader {
    private static final Pattern LINK = Pattern.compile("<([^>]*)>((?:\\s*;\\s*[^;,]+)*)");
    private static final Pattern REL = Pattern.compile("rel\\s*=\\s*\"?([^\";,]+)\"?", Pattern.CASE_INSENSITIVE);

    private LinkHeader() {}

    /** The URI reference of the first link with relation {@code next}, as written (possibly relative). */
    static Optional<String> next(List<String> headerValues) {
        for (String value : headerValues) {
            Matcher link = LINK.matcher(value);
            while (link.find()) {
                Matcher rel = REL.matcher(link.group(2));
                while (rel.find()) {
                    for (String relation : rel.group(1).trim().split("\\s+")) {
                        if (relation.toLowerCase(Locale.ROOT).equals("next")) {
                            return Optional.of(link.group(1).trim());
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }
}
