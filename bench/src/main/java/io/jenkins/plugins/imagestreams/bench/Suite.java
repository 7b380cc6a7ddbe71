package io.jenkins.plugins.imagestreams.bench;

import java.nio.file.Path;

/** One benchmark: starts what it needs on loopback, measures its contenders in one run, stops everything. */
interface Suite {
    /** The name {@code bench/run.sh NAME} selects it by. */
    String name();

    /**
     * Runs the benchmark.
     *
     * @param workDir a scratch folder this suite may fill
     * @param quick fewer rounds and smaller data, for a smoke run
     */
    Comparison run(Path workDir, boolean quick) throws Exception;
}
