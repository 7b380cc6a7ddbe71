package io.jenkins.plugins.imagestreams.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.Assume;

/**
 * Makes sure the external programs a test needs are installed.
 *
 * <p>On a developer machine a missing tool skips the test (with {@link Assume}); on CI (environment {@code CI=true}) it
 * fails it, so a broken build machine can never pass by skipping everything.
 */
public final class RequiredTools {
    static final String INSTALL_HINT =
            "run scripts/install-deps.sh, or: sudo apt-get install docker-registry skopeo apache2-utils openssl"
                    + " golang-docker-credential-helpers pass gnupg prometheus";

    private RequiredTools() {}

    /**
     * Checks that every named program is on the {@code PATH}.
     *
     * @throws AssertionError if one is missing and {@code CI=true}
     * @throws org.junit.AssumptionViolatedException if one is missing elsewhere
     */
    public static void check(String... tools) {
        check(System::getenv, tools);
    }

    static void check(UnaryOperator<String> environment, String... tools) {
        String path = environment.apply("PATH");
        List<String> missing = new ArrayList<>();
        for (String tool : tools) {
            if (find(path, tool) == null) {
                missing.add(tool);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        String message = "missing tools " + missing + " needed by this test; " + INSTALL_HINT;
        if ("true".equalsIgnoreCase(environment.apply("CI"))) {
            throw new AssertionError(message);
        }
        Assume.assumeTrue(message, false);
    }

    /** The executable named {@code tool} on {@code path}, or null. */
    static Path find(String path, String tool) {
        if (tool.contains("/")) {
            Path direct = Path.of(tool);
            return Files.isExecutable(direct) ? direct : null;
        }
        String searched = path == null || path.isEmpty() ? "/usr/local/bin:/usr/bin:/bin" : path;
        for (String dir : searched.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, tool);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
