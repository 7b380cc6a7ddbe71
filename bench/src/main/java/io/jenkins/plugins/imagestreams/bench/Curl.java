package io.jenkins.plugins.imagestreams.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The floor for a digest check: curl sending one HEAD per URL over one kept-alive connection. */
final class Curl {
    /** The Accept set a digest check must send, so the registry never down-converts. */
    static final String MANIFEST_ACCEPT = String.join(
            ", ",
            "application/vnd.oci.image.index.v1+json",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.docker.distribution.manifest.v2+json");

    private Curl() {}

    /**
     * HEADs every URL in order with one curl process and keep-alive.
     *
     * @return the wall time in seconds
     * @throws IOException if curl fails or any answer is not 200
     */
    static double headAll(List<URI> urls, Path workDir) throws IOException {
        return headAll(urls, List.of(), workDir, 1);
    }

    /**
     * HEADs every URL with one curl process, keep-alive, and up to {@code parallel} transfers at once.
     *
     * @param ifNoneMatch empty, or for each URL the digest to send as {@code If-None-Match}, every answer then being
     *     expected as 304
     * @return the wall time in seconds
     * @throws IOException if curl fails or any answer is not the expected status
     */
    static double headAll(List<URI> urls, List<String> ifNoneMatch, Path workDir, int parallel) throws IOException {
        boolean conditional = !ifNoneMatch.isEmpty();
        Path config = Files.createTempFile(workDir, "curl", ".cfg");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < urls.size(); i++) {
            // one section per URL ("next"): its own headers; the connections are still shared
            lines.add("url = \"" + urls.get(i) + "\"");
            lines.add("output = \"/dev/null\"");
            lines.add("head");
            lines.add("header = \"Accept: " + MANIFEST_ACCEPT + "\"");
            if (conditional) {
                lines.add("header = \"If-None-Match: \\\"" + ifNoneMatch.get(i) + "\\\"\"");
            }
            lines.add("write-out = \"%{http_code}\\n\"");
            if (i + 1 < urls.size()) {
                lines.add("next");
            }
        }
        Files.write(config, lines);
        long start = System.nanoTime();
        List<String> command = new ArrayList<>(List.of("curl", "-s", "-K", config.toString()));
        if (parallel > 1) {
            command.addAll(List.of("--parallel", "--parallel-max", Integer.toString(parallel)));
        }
        String out = Tools.run(command, 600);
        double seconds = (System.nanoTime() - start) / 1e9;
        String expected = conditional ? "304" : "200";
        long ok = out.lines().filter(line -> line.equals(expected)).count();
        if (ok != urls.size()) {
            throw new IOException("curl got " + ok + " answers " + expected + " of " + urls.size());
        }
        return seconds;
    }
}
