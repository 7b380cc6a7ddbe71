package io.jenkins.plugins.imagestreams.bench;

import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.reference.ImageReference;
import io.jenkins.plugins.imagestreams.registry.RegistryClient;
import io.jenkins.plugins.imagestreams.registry.RegistryException;
import io.jenkins.plugins.imagestreams.testing.OciLayout;
import io.jenkins.plugins.imagestreams.testing.RegistryFixture;
import io.jenkins.plugins.imagestreams.testing.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The {@code imagestreams} command as a script runs it: a fresh JVM per command, through the launcher the build makes
 * ({@code cli/target/imagestreams}, with its class-data-sharing archive), against a Java hello world on the same JVM
 * and against skopeo; its copy also against {@link FloorCopy}, the least a copy on this JVM can do. Wall and CPU time
 * come from bash's {@code time} (to the millisecond), peak memory from {@code /usr/bin/time}.
 */
final class OneShotSuite implements Suite {
    private static final Path LAUNCHER = Path.of("cli/target/imagestreams");
    private static final int LAYERS = 5;
    private static final String HELLO = "java hello world";
    private static final String HELLO_CPU = "java hello world, CPU";
    private static final String GET = "imagestreams get streams (empty store)";
    private static final String DIGEST = "imagestreams digest";
    private static final String DIGEST_CPU = "imagestreams digest, CPU";
    private static final String INSPECT = "skopeo inspect --raw";
    private static final String COPY = "imagestreams copy, 100 MiB";
    private static final String SKOPEO_COPY = "skopeo copy, 100 MiB, fresh cache";
    private static final String FLOOR_COPY = "java floor copy, 100 MiB";

    @Override
    public String name() {
        return "one-shot";
    }

    @Override
    public Comparison run(Path workDir, boolean quick) throws Exception {
        if (!Files.isExecutable(LAUNCHER)) {
            throw new IllegalStateException(
                    LAUNCHER + " is missing: bench/run.sh builds it (./mvnw -pl cli -am package)");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        Map<String, String> env = Map.of(
                "JAVA", java, "IMAGESTREAMS_HOME", workDir.resolve("home").toString());
        String classes = Path.of("bench/target/classes").toAbsolutePath().toString();
        int rounds = quick ? 3 : 9;
        int copyRounds = quick ? 2 : 9;
        long layerBytes = (quick ? 2 : 20) * 1024L * 1024L;
        try (RegistryFixture a = RegistryFixture.plain().start();
                RegistryFixture b = RegistryFixture.plain().start();
                RegistryClient client = RegistryClient.builder().build()) {
            OciLayout small = TestImages.image(workDir.resolve("small"), "one-shot digest");
            io.jenkins.plugins.imagestreams.testing.Skopeo.push(small, a, "one/app:1");
            OciLayout big = TestImages.image(workDir.resolve("big"), "one-shot copy", LAYERS, layerBytes);
            io.jenkins.plugins.imagestreams.testing.Skopeo.push(big, a, "big/app:1");
            String ref = a.host() + "/one/app:1";
            Path store = Files.createDirectories(workDir.resolve("empty-store"));
            List<ProcessCost> hello = new ArrayList<>();
            List<ProcessCost> get = new ArrayList<>();
            List<ProcessCost> digest = new ArrayList<>();
            List<ProcessCost> inspect = new ArrayList<>();
            for (int n = 0; n < rounds; n++) {
                hello.add(ProcessCost.of(List.of(java, "-cp", classes, HelloWorld.class.getName())));
                get.add(ProcessCost.of(List.of(launcher(), "get", "streams", "--store", store.toString()), env));
                digest.add(ProcessCost.of(List.of(launcher(), "digest", ref), env));
                inspect.add(
                        ProcessCost.of(List.of("skopeo", "inspect", "--raw", "--tls-verify=false", "docker://" + ref)));
            }
            List<ProcessCost> copy = new ArrayList<>();
            List<ProcessCost> skopeoCopy = new ArrayList<>();
            List<ProcessCost> floorCopy = new ArrayList<>();
            String from = a.host() + "/big/app:1";
            List<String> floor = new ArrayList<>(List.of(java));
            floor.addAll(copyOptions(workDir, from));
            floor.addAll(List.of("-cp", classes, FloorCopy.class.getName()));
            System.out.printf("bench: one-shot: the floor copy runs as %s%n", String.join(" ", floor));
            Digest image = client.resolve(ImageReference.parse(from));
            for (int n = 0; n < copyRounds; n++) {
                copy.add(ProcessCost.of(List.of(launcher(), "copy", from, b.host() + "/ours-" + n + "/app:1"), env));
                String to = b.host() + "/skopeo-" + n + "/app:1";
                skopeoCopy.add(Skopeo.copyWithFreshCache(from, to, ProcessCost::of));
                floorCopy.add(floorCopy(client, floor, from, image, b.host() + "/floor-" + n + "/app:1"));
            }
            double copyPeak = median(copy, ProcessCost::peakMib);
            double skopeoPeak = median(skopeoCopy, ProcessCost::peakMib);
            double digestPeak = median(digest, ProcessCost::peakMib);
            System.out.printf(
                    "bench: one-shot: peak memory: copy %.0f MiB (skopeo %.0f MiB, goal 128 MiB), digest %.0f MiB;"
                            + " copy CPU %.2f s (skopeo %.2f s, floor %.2f s)%n",
                    copyPeak,
                    skopeoPeak,
                    digestPeak,
                    median(copy, ProcessCost::cpuSeconds),
                    median(skopeoCopy, ProcessCost::cpuSeconds),
                    median(floorCopy, ProcessCost::cpuSeconds));
            String setup = String.format(
                    "Each contender a fresh process per round, its wall and CPU time from bash's time (to the"
                            + " millisecond) and its peak memory from /usr/bin/time, JVM start included:"
                            + " imagestreams through the launcher the build makes (cli/target/imagestreams, with its"
                            + " class-data-sharing archive, on the JVM running the bench), a Java hello world on the"
                            + " same JVM as the floor, and skopeo 1.9.3 (a Go binary) as the peer. %d rounds of the"
                            + " short commands against one local registry (CNCF distribution, plain HTTP, loopback);"
                            + " %d rounds of copying a %d MiB image of %d layers from it to a second local registry,"
                            + " each into a new repository, skopeo with an empty blob-info cache. Peak memory (max"
                            + " RSS): copy %.0f MiB against skopeo's %.0f MiB (goal 128 MiB: %s); digest %.0f MiB."
                            + " A digest takes %.1f× skopeo inspect's wall time: the distance between a JVM's start"
                            + " and a Go binary's, reported without a goal. The floor copy, a Java program on the"
                            + " same JVM with the options the launcher gives copy, sends the copy's requests and"
                            + " nothing else (raw HTTP/1.1 on sockets, 4 blobs at once; no command line, library,"
                            + " digest check or attachment look-up: FloorCopy); it takes %.2f× skopeo copy's wall"
                            + " time, and imagestreams copy %.2f× the floor's. Seconds: wall unless the name says CPU"
                            + " (user + system).",
                    rounds,
                    copyRounds,
                    LAYERS * layerBytes / (1024 * 1024),
                    LAYERS,
                    copyPeak,
                    skopeoPeak,
                    copyPeak <= 128 ? "met" : "NOT met",
                    digestPeak,
                    median(digest, ProcessCost::wallSeconds) / median(inspect, ProcessCost::wallSeconds),
                    median(floorCopy, ProcessCost::wallSeconds) / median(skopeoCopy, ProcessCost::wallSeconds),
                    median(copy, ProcessCost::wallSeconds) / median(floorCopy, ProcessCost::wallSeconds));
            return new Comparison(
                    "one-shot",
                    "One-shot commands in a fresh JVM",
                    "s",
                    false,
                    setup,
                    List.of(
                            result(HELLO, hello, ProcessCost::wallSeconds, "prints one line and exits"),
                            result(HELLO_CPU, hello, ProcessCost::cpuSeconds, "the same runs' CPU"),
                            result(GET, get, ProcessCost::wallSeconds, "no streams to list"),
                            result(DIGEST, digest, ProcessCost::wallSeconds, "one HEAD"),
                            result(DIGEST_CPU, digest, ProcessCost::cpuSeconds, "the same runs' CPU"),
                            result(INSPECT, inspect, ProcessCost::wallSeconds, "one skopeo process; GETs the manifest"),
                            result(COPY, copy, ProcessCost::wallSeconds, "blobs streamed, 4 at once"),
                            result(SKOPEO_COPY, skopeoCopy, ProcessCost::wallSeconds, "empty blob-info cache"),
                            result(
                                    FLOOR_COPY,
                                    floorCopy,
                                    ProcessCost::wallSeconds,
                                    "the copy's requests alone, raw HTTP; see FloorCopy")),
                    List.of(
                            new Target("get streams: within 2× a Java hello world", GET, HELLO, false, 2.0),
                            new Target(
                                    "digest, CPU: within 4× a Java hello world's CPU",
                                    DIGEST_CPU,
                                    HELLO_CPU,
                                    false,
                                    4.0),
                            new Target("copy of 100 MiB: no slower than skopeo copy", COPY, SKOPEO_COPY, false, 1.0)));
        }
    }

    /**
     * The JVM options the launcher gives {@code copy}, as it passes them to a {@code java} that prints them, without
     * those of its archive: the floor's classes are the JDK's own, in the JDK's archive.
     */
    private static List<String> copyOptions(Path workDir, String from) throws IOException {
        Path printer = workDir.resolve("print-java-options");
        Files.writeString(printer, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done\n");
        Files.setPosixFilePermissions(printer, PosixFilePermissions.fromString("rwx------"));
        List<String> printed = Tools.run(
                        List.of(launcher(), "copy", from, from), Map.of("JAVA", printer.toString()), 30)
                .lines()
                .toList();
        List<String> options = new ArrayList<>();
        for (String option : printed.subList(0, printed.indexOf("-cp"))) {
            if (!option.startsWith("-XX:SharedArchiveFile=") && !option.startsWith("-Xlog:cds")) {
                options.add(option);
            }
        }
        return options;
    }

    /** One run of {@link FloorCopy} from {@code from} to {@code to}, checked: the target then holds {@code image}. */
    private static ProcessCost floorCopy(
            RegistryClient client, List<String> floor, String from, Digest image, String to)
            throws IOException, RegistryException {
        List<String> command = new ArrayList<>(floor);
        command.addAll(List.of(from, to));
        ProcessCost cost = ProcessCost.of(command);
        Digest copied = client.resolve(ImageReference.parse(to));
        if (!copied.equals(image)) {
            throw new IllegalStateException("the floor copy left " + copied + " at " + to + ", not " + image);
        }
        return cost;
    }

    private static String launcher() throws IOException {
        return LAUNCHER.toRealPath().toString();
    }

    private static Result result(
            String name, List<ProcessCost> costs, ToDoubleFunction<ProcessCost> measure, String note) {
        return new Result(name, costs.stream().mapToDouble(measure).boxed().toList(), note);
    }

    private static double median(List<ProcessCost> costs, ToDoubleFunction<ProcessCost> measure) {
        return Stats.median(costs.stream().mapToDouble(measure).boxed().toList());
    }
}
