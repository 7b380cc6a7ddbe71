package io.jenkins.plugins.imagestreams.cli;

import static io.jenkins.plugins.imagestreams.cli.Polling.freePort;
import static io.jenkins.plugins.imagestreams.cli.Polling.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagestreams.reference.Digest;
import io.jenkins.plugins.imagestreams.testing.RegistryFixture;
import io.jenkins.plugins.imagestreams.testing.RequiredTools;
import io.jenkins.plugins.imagestreams.testing.Skopeo;
import io.jenkins.plugins.imagestreams.testing.TestImages;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@code watch --metrics HOST:PORT}: what a running watch did, in Prometheus' text format, checked by Debian's
 * {@code promtool} and scraped by a real Prometheus server on loopback, which then answers a query about the import a
 * push notification caused.
 */
public class WatchMetricsTest {
    private static final String SECRET = "watch-metrics-webhook-secret-0123456789";

    @ClassRule
    public static final RegistryFixture REGISTRY = RegistryFixture.plain();

    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    public void aRunningWatchIsScrapedByPrometheusAndTellsOfItsImportsRequestsNotificationsAndDeliveries()
            throws Exception {
        RequiredTools.check("promtool", "prometheus");
        Launcher launcher = Launcher.install(tmp.newFolder("bin").toPath());
        Path store = tmp.newFolder("store").toPath();
        Skopeo.push(TestImages.image(tmp.newFolder().toPath(), "metrics v1"), REGISTRY, "metrics/app:latest");
        Cli.Result imported = launcher.run(
                tmp.newFile().toPath(),
                "--store",
                store.toString(),
                "import-image",
                "dev/app:latest",
                "--from",
                REGISTRY.host() + "/metrics/app:latest",
                "--scheduled");
        assertThat(imported.exit()).as(imported.toString()).isZero();
        int metricsPort = freePort();
        int notifyPort = freePort();
        Path log = tmp.newFile("watch.log").toPath();
        Process watch = launcher.start(
                log,
                "--store",
                store.toString(),
                "watch",
                "--interval",
                "1h",
                "--listen",
                "127.0.0.1:" + notifyPort,
                "--webhook-secret",
                SECRET,
                "--metrics",
                "127.0.0.1:" + metricsPort,
                "--exec",
                "true");
        Process prometheus = null;
        try {
            Polling.waitFor(
                    () -> read(log).contains("watch: watching"), "the watch", Duration.ofSeconds(60), () -> read(log));
            assertThat(read(log)).contains("metrics at http://127.0.0.1:" + metricsPort + "/metrics");
            Digest v2 = Digest.parse(Skopeo.push(
                    TestImages.image(tmp.newFolder().toPath(), "metrics v2"), REGISTRY, "metrics/app:latest"));
            assertThat(notify(notifyPort, v2)).isEqualTo(202);
            assertThat(notify(notifyPort, v2, "not-the-secret-at-all-0123456789"))
                    .isEqualTo(401);
            String metricsUrl = "http://127.0.0.1:" + metricsPort + "/metrics";
            Polling.waitFor(
                    () -> value(get(metricsUrl), "imagestreams_imports_total", "result=\"changed\"") >= 1,
                    "the notified import in the metrics",
                    Duration.ofSeconds(60),
                    () -> read(log));

            HttpResponse<String> scraped = http.send(
                    HttpRequest.newBuilder(URI.create(metricsUrl)).build(), HttpResponse.BodyHandlers.ofString());
            String text = scraped.body();
            assertThat(scraped.headers().firstValue("Content-Type")).contains(MetricsEndpoint.CONTENT_TYPE);
            assertThat(value(text, "imagestreams_imports_total", "result=\"unchanged\""))
                    .isGreaterThanOrEqualTo(1);
            assertThat(value(text, "imagestreams_notifications_total", "source=\"distribution\",status=\"202\""))
                    .isEqualTo(1);
            assertThat(value(text, "imagestreams_notifications_total", "source=\"distribution\",status=\"401\""))
                    .isEqualTo(1);
            assertThat(sum(
                            text,
                            "imagestreams_registry_requests_total",
                            "host=\"" + REGISTRY.host() + "\",method=\"HEAD\""))
                    .as("a HEAD at start and one after the push:\n" + text)
                    .isGreaterThanOrEqualTo(2);
            assertThat(value(
                            text,
                            "imagestreams_registry_requests_total",
                            "host=\"" + REGISTRY.host() + "\",method=\"HEAD\",status=\"200\""))
                    .isGreaterThanOrEqualTo(1);
            assertThat(value(text, "imagestreams_event_delivery_lag_seconds_count", "listener=\"cli-exec\""))
                    .as("the first image at start and the pushed one")
                    .isEqualTo(2);
            Path metricsFile = tmp.newFile("metrics.txt").toPath();
            Files.writeString(metricsFile, text);
            Process promtool = new ProcessBuilder("promtool", "check", "metrics")
                    .redirectInput(metricsFile.toFile())
                    .redirectErrorStream(true)
                    .start();
            String verdict = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(promtool.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(promtool.exitValue())
                    .as("promtool check metrics: " + verdict)
                    .isZero();

            int prometheusPort = freePort();
            Path config = tmp.newFile("prometheus.yml").toPath();
            Files.writeString(
                    config,
                    """
                    global:
                      scrape_interval: 1s
                    scrape_configs:
                      - job_name: imagestreams
                        static_configs:
                          - targets: ["127.0.0.1:%d"]
                    """
                            .formatted(metricsPort));
            prometheus = new ProcessBuilder(
                            "prometheus",
                            "--config.file=" + config,
                            "--storage.tsdb.path=" + tmp.newFolder("tsdb"),
                            "--web.listen-address=127.0.0.1:" + prometheusPort)
                    .redirectErrorStream(true)
                    .redirectOutput(tmp.newFile("prometheus.log"))
                    .start();
            String query = "http://127.0.0.1:" + prometheusPort + "/api/v1/query?query="
                    + URLEncoder.encode(
                            "sum(imagestreams_imports_total{job=\"imagestreams\",result=\"changed\"})",
                            StandardCharsets.UTF_8);
            Polling.waitFor(
                    () -> get(query).contains("\"status\":\"success\"")
                            && get(query).matches("(?s).*\"value\":\\[[0-9.]+,\"[1-9][0-9]*\"\\].*"),
                    "Prometheus to answer a query about the import",
                    Duration.ofSeconds(60),
                    () -> get(query) + "\n" + read(tmp.getRoot().toPath().resolve("prometheus.log")));
        } finally {
            if (prometheus != null) {
                prometheus.destroy();
                prometheus.waitFor(30, TimeUnit.SECONDS);
            }
            watch.destroy();
            assertThat(watch.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
    }

    private int notify(int port, Digest digest) throws Exception {
        return notify(port, digest, SECRET);
    }

    private int notify(int port, Digest digest, String secret) throws Exception {
        String body =
                """
                {"events":[{"action":"push","target":{"mediaType":"application/vnd.oci.image.manifest.v1+json",\
                "digest":"%s","repository":"metrics/app","tag":"latest"},"request":{"host":"%s"}}]}"""
                        .formatted(digest, REGISTRY.host());
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/notify/distribution/" + secret))
                .header("Content-Type", "application/vnd.docker.distribution.events.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private String get(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (java.io.IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** The samples of {@code name} whose labels include {@code labels}, summed. */
    private static double sum(String text, String name, String labels) {
        Pattern sample = Pattern.compile("^" + Pattern.quote(name) + "\\{([^}]*)\\} ([0-9.eE+-]+)$", Pattern.MULTILINE);
        Matcher m = sample.matcher(text);
        double total = 0;
        while (m.find()) {
            if (m.group(1).contains(labels)) {
                total += Double.parseDouble(m.group(2));
            }
        }
        return total;
    }

    /** The sample of {@code name} whose labels include {@code labels} (as written, in order), or -1. */
    private static double value(String text, String name, String labels) {
        Pattern sample = Pattern.compile("^" + Pattern.quote(name) + "\\{([^}]*)\\} ([0-9.eE+-]+)$", Pattern.MULTILINE);
        Matcher m = sample.matcher(text);
        while (m.find()) {
            if (m.group(1).contains(labels)) {
                return Double.parseDouble(m.group(2));
            }
        }
        return -1;
    }
}
