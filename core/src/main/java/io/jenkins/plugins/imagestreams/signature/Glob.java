package io.jenkins.plugins.imagestreams.signature;

/**
 * Matches text against a glob in which {@code *} stands for any run of characters and every other character for
 * itself. No regular expression is built, and the time is at most the product of the two lengths.
 */
final class Glob {
    private Glob() {}

    static boolean matches(String glob, String text) {
        int g = 0;
        int t = 0;
        int star = -1;
        int resume = 0;
        while (t < text.length()) {
            if (g < glob.length() && glob.charAt(g) == '*') {
                star = g++;
                resume = t;
            } else if (g < glob.length() && glob.charAt(g) == text.charAt(t)) {
                g++;
                t++;
            } else if (star >= 0) {
                g = star + 1;
                t = ++resume;
            } else {
                return false;
            }
        }
        while (g < glob.length() && glob.charAt(g) == '*') {
            g++;
        }
        return g == glob.length();
    }
}
