package io.jenkins.plugins.imagestreams.bench;

/**
 * A goal stated as a ratio between two contenders of a comparison: {@code subject / reference} compared with
 * {@code bound}.
 *
 * @param description the goal in words, e.g. "sequential within 1.3x of curl per check"
 * @param subject the contender whose median is the numerator
 * @param reference the contender whose median is the denominator
 * @param atLeast whether the ratio must be at least {@code bound} (else at most)
 * @param bound the ratio the goal names
 */
record Target(String description, String subject, String reference, boolean atLeast, double bound) {
    boolean met(double ratio) {
        return atLeast ? ratio >= bound : ratio <= bound;
    }
}
