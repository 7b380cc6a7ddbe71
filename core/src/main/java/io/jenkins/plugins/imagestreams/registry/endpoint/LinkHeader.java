package io.jenkins.plugins.imagestreams.registry.endpoint;

import io.jenkins.plugins.imagestreams.registry.ErrorCode;
import io.jenkins.plugins.imagestreams.registry.RegistryException;
import io.jenkins.plugins.imagestreams.registry.transport.Response;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the {@code rel="next"} target in {@code Link} headers (RFC 8288), as registries page tag lists and referrers
 * lists.
 */
final class LinkHeader {
    private static final Pattern LINK = Pattern.compile("<([^>]*)>((?:\\s*;\\s*[^;,]+)*)");
    private static final Pattern REL = Pattern.compile("rel\\s*=\\s*\"?([^\";,]+)\"?", Pattern.CASE_INSENSITIVE);

    private LinkHeader() {}

    /**
     * The next page {@code response} links to, resolved against it; empty on the last page.
     *
     * @throws RegistryException when the link is no http(s) URL
     */
    static Optional<String> nextPage(Response response) throws RegistryException {
        Optional<String> link = next(response.headers("Link"));
        return link.isPresent() ? Optional.of(response.resolve(link.get())) : Optional.empty();
    }

    /** The failure of a registry that links to more than {@code maxPages} pages. */
    static RegistryException tooManyPages(String action, int maxPages) {
        return new RegistryException(
                ErrorCode.UNKNOWN, 200, action, "the registry kept paging past " + maxPages + " pages", null);
    }

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
