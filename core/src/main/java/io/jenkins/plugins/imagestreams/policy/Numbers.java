package io.jenkins.plugins.imagestreams.policy;

import java.util.regex.Pattern;

final class Numbers {
    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,1000}(\\.[0-9]{1,1000})?");

    private Numbers() {}

    static boolean isNumber(String text) {
        return text != null && NUMBER.matcher(text).matches();
    }
}
