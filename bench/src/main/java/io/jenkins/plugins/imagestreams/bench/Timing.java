package io.jenkins.plugins.imagestreams.bench;

/** Wall time of a piece of work, the unit every suite measures in. */
final class Timing {
    private Timing() {}

    /** Runs {@code body} and returns the seconds it took. */
    static double seconds(Body body) throws Exception {
        long start = System.nanoTime();
        body.run();
        return (System.nanoTime() - start) / 1e9;
    }

    /** Work to time. */
    @FunctionalInterface
    interface Body {
        void run() throws Exception;
    }
}
