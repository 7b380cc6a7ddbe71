package io.jenkins.plugins.imagestreams.registry.auth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One authentication challenge from {@code WWW-Authenticate} (RFC 7235): a scheme and its parameters, in any order,
 * with quoted values that may hold commas, spaces and escaped quotes.
 *
 * @param scheme lowercased: {@code basic}, {@code bearer}
 * @param params names lowercased, values as sent
 */
record Challenge(String scheme, Map<String, String> params) {
    Challenge {
        scheme = scheme.toLowerCase(Locale.ROOT);
        params = Map.copyOf(params);
    }

    Optional<String> param(String name) {
        return Optional.ofNullable(params.get(name));
    }

    /** The space-separated scopes of a bearer challenge; empty when it names none. */
    List<String> scopes() {
        return param("scope")
                .map(s -> Arrays.stream(s.trim().split("\\s+"))
                        .filter(x -> !x.isEmpty())
                        .toList())
                .orElse(List.of());
    }

    /** Every challenge in the given header values; malformed parts are skipped. */
    static List<Challenge> parseAll(List<String> headerValues) {
        List<Challenge> result = new ArrayList<>();
        for (String value : headerValues) {
            new Parser(value).parse(result);
        }
        return List.copyOf(result);
    }

    private static final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        void parse(List<Challenge> into) {
            String scheme = null;
            Map<String, String> params = new LinkedHashMap<>();
            while (true) {
                skip(" \t,");
                if (pos >= text.length()) {
                    break;
                }
                int start = pos;
                String token = token();
                if (token.isEmpty()) {
                    pos++; // stray character: skip it
                    continue;
                }
                skip(" \t");
                if (scheme != null && peek() == '=' && peekAt(pos + 1) != '=') {
                    pos++;
                    skip(" \t");
                    params.put(token.toLowerCase(Locale.ROOT), value());
                } else if (scheme != null && params.isEmpty() && peek() == '=') {
                    pos = start; // token68 such as base64: not used by registries, skip to the next comma
                    skipUntil(',');
                } else {
                    if (scheme != null) {
                        into.add(new Challenge(scheme, params));
                    }
                    scheme = token;
                    params = new LinkedHashMap<>();
                }
            }
            if (scheme != null) {
                into.add(new Challenge(scheme, params));
            }
        }

        private String token() {
            int start = pos;
            while (pos < text.length() && " \t,=\"".indexOf(text.charAt(pos)) < 0) {
                pos++;
            }
            return text.substring(start, pos);
        }

        private String value() {
            if (peek() != '"') {
                return token();
            }
            pos++;
            StringBuilder value = new StringBuilder();
            while (pos < text.length() && text.charAt(pos) != '"') {
                char c = text.charAt(pos++);
                if (c == '\\' && pos < text.length()) {
                    c = text.charAt(pos++);
                }
                value.append(c);
            }
            pos++; // closing quote, if any
            return value.toString();
        }

        private void skip(String chars) {
            while (pos < text.length() && chars.indexOf(text.charAt(pos)) >= 0) {
                pos++;
            }
        }

        private void skipUntil(char c) {
            while (pos < text.length() && text.charAt(pos) != c) {
                pos++;
            }
        }

        private char peek() {
            return peekAt(pos);
        }

        private char peekAt(int index) {
            return index < text.length() ? text.charAt(index) : '\0';
        }
    }
}
