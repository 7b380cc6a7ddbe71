package io.jenkins.plugins.imagestreams.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * What the numbers were measured on: cores, memory, JVM, registry and peer versions, and when.
 *
 * @param markdown the facts as a Markdown list
 */
record Machine(String markdown) {
    static Machine describe() {
        StringBuilder md = new StringBuilder();
        md.append("- date: ")
                .append(Instant.now().truncatedTo(ChronoUnit.SECONDS))
                .append('\n');
        md.append("- cores: ")
                .append(Runtime.getRuntime().availableProcessors())
                .append('\n');
        md.append("- memory: ").append(memTotal()).append('\n');
        md.append("- CPU: ").append(cpuModel()).append('\n');
        md.append("- JVM: ")
                .append(System.getProperty("java.vm.name"))
                .append(' ')
                .append(System.getProperty("java.version"))
                .append('\n');
        md.append("- registry: ")
                .append(Tools.version("docker-registry", "--version"))
                .append('\n');
        md.append("- skopeo: ").append(Tools.version("skopeo", "--version")).append('\n');
        md.append("- curl: ").append(Tools.version("curl", "--version")).append('\n');
        return new Machine(md.toString());
    }

    private static String memTotal() {
        return procLine(Path.of("/proc/meminfo"), "MemTotal");
    }

    private static String cpuModel() {
        return procLine(Path.of("/proc/cpuinfo"), "model name");
    }

    private static String procLine(Path file, String key) {
        try {
            return Files.readAllLines(file).stream()
                    .filter(line -> line.startsWith(key))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst()
                    .orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
