package io.jenkins.plugins.imagestreams.cli;

import io.jenkins.plugins.imagestreams.api.ImportResult;
import io.jenkins.plugins.imagestreams.api.SchedulerSettings;
import io.jenkins.plugins.imagestreams.metrics.MicrometerMetrics;
import io.jenkins.plugins.imagestreams.notify.NotificationAuthenticator;
import io.jenkins.plugins.imagestreams.notify.NotificationSource;
import io.jenkins.plugins.imagestreams.notify.TokenHash;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.watch.Watcher;
import io.jenkins.plugins.imagestreams.watch.WatcherBuilder;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@code imagestreams watch}: runs the core's {@link Watcher} until stopped (SIGTERM, Ctrl-C): scheduled imports,
 * push notifications at {@code /notify/<source>}, and {@code --exec} once per new digest of every tag.
 */
final class WatchCommand extends RegistryCommand {
    private String interval = "5m";
    private int importsPerMinute = SchedulerSettings.DEFAULT.importsPerMinutePerRegistry();
    private String listen;
    private String webhookSecret;
    private String metricsAddress;
    private String exec;
    private String execTimeout = "10m";

    @Override
    CommandModel model() {
        CommandModel m = new CommandModel(
                this,
                "watch",
                "Keep scheduled tags imported, receive registry push notifications, and run a command on every image"
                        + " change, until stopped (SIGTERM or Ctrl-C stop it cleanly).",
                "--exec runs with IMAGE_STREAM, IMAGE_STREAM_TAG, IMAGE_TAG, IMAGE_DIGEST, IMAGE_REFERENCE and"
                        + " IMAGE_PREVIOUS_DIGEST set; once per tag and digest, also across restarts. A run again for"
                        + " the same change (after a failure, or after a watch died before recording the run) has the"
                        + " same IMAGE_DELIVERY_ID and a higher IMAGE_DELIVERY_ATTEMPT: a command that must act once"
                        + " records the id.");
        m.option("--interval")
                .label("DURATION")
                .description("Time between imports of a scheduled tag, at least 10s (default: ${DEFAULT-VALUE}).")
                .text(interval, v -> interval = v);
        m.option("--imports-per-minute")
                .label("N")
                .description("Imports per minute to one registry at most, scheduled and notified together, in bursts"
                        + " of up to a tenth of that (at least 10) (default: ${DEFAULT-VALUE}).")
                .number(importsPerMinute, v -> importsPerMinute = v);
        m.option("--listen")
                .label("HOST:PORT")
                .description(
                        "Receive push notifications at http://HOST:PORT/notify/<source> (distribution, harbor, …).")
                .text(v -> listen = v);
        m.option("--webhook-secret")
                .label("SECRET")
                .description(
                        "With --listen: senders give it as 'Authorization: Bearer SECRET' or as /notify/<source>/SECRET;"
                                + " GitHub signs with it (X-Hub-Signature-256), Artifactory sends it as"
                                + " X-JFrog-Event-Auth, Harbor as its auth header (at least 24 characters; default:"
                                + " $IMAGESTREAMS_WEBHOOK_SECRET).")
                .text(v -> webhookSecret = v);
        m.option("--metrics")
                .label("HOST:PORT")
                .description("Serve Prometheus metrics at http://HOST:PORT/metrics: imports, registry requests,"
                        + " rate-limit pauses, notifications, delivery lag, promotions and copies.")
                .text(v -> metricsAddress = v);
        m.option("--exec")
                .label("CMD")
                .description("A shell command to run on each image change.")
                .text(v -> exec = v);
        m.option("--exec-timeout")
                .label("DURATION")
                .description("How long --exec may run before it is stopped (default: ${DEFAULT-VALUE}).")
                .text(execTimeout, v -> execTimeout = v);
        return m;
    }

    @Override
    public Integer call() throws Exception {
        if (importsPerMinute < 1) {
            throw new UsageException("--imports-per-minute " + importsPerMinute + " must be at least 1");
        }
        SchedulerSettings settings = SchedulerSettings.DEFAULT
                .withInterval(Durations.parse("--interval", interval))
                .withRateLimit(importsPerMinute, Math.min(importsPerMinute, Math.max(10, importsPerMinute / 10)));
        Duration execLimit = Durations.parse("--exec-timeout", execTimeout);
        InetSocketAddress address = listen == null ? null : address("--listen", listen);
        InetSocketAddress metricsAt = metricsAddress == null ? null : address("--metrics", metricsAddress);
        String secret = webhookSecret != null ? webhookSecret : System.getenv("IMAGESTREAMS_WEBHOOK_SECRET");
        if (address == null && webhookSecret != null) {
            throw new UsageException("--webhook-secret only applies with --listen");
        }
        if (address != null && (secret == null || secret.isBlank())) {
            throw new UsageException("--listen needs --webhook-secret (or $IMAGESTREAMS_WEBHOOK_SECRET) so that only"
                    + " your registry can trigger imports");
        }
        if (address != null) {
            tokenHash(secret);
        }
        PrintWriter out = out();
        PrintWriter err = err();
        PrometheusMeterRegistry prometheus =
                metricsAt == null ? null : new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Workspace ws = prometheus == null
                ? workspace()
                : Workspace.open(root, err, registry(), new MicrometerMetrics(prometheus, Clock.systemUTC()));
        MetricsEndpoint endpoint = prometheus == null ? null : metricsEndpoint(metricsAt, prometheus, ws);
        Consumer<WatcherBuilder> configure = builder -> {
            builder.settings(settings)
                    .problems((message, e) -> log(err, "warning: " + message))
                    .importListener((stream, tag, result) -> imported(out, stream, tag, result));
            if (exec != null) {
                builder.listener(new ExecListener(exec, execLimit, out, err));
            }
            if (address != null) {
                builder.notifications(address, endpoints(secret));
            }
        };
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> stop(ws, out, stopped), "imagestreams-watch-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            Watcher watcher = ws.service().watch(configure);
            log(
                    out,
                    "watching " + ws.service().streamNames().size() + " streams, scheduled imports every " + interval
                            + watcher.notificationUri()
                                    .map(u -> ", notifications at " + u + "<source>")
                                    .orElse("")
                            + (endpoint == null ? "" : ", metrics at " + endpoint.uri()));
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
                stop(ws, out, stopped);
            } catch (IllegalStateException shuttingDown) {
                stopped.await(2, TimeUnit.MINUTES);
            }
            if (endpoint != null) {
                endpoint.close();
            }
        }
        return Main.OK;
    }

    /** Every notification source, each authenticated by the secret in the ways its vendor documents. */
    private static Map<NotificationSource, NotificationAuthenticator> endpoints(String secret) {
        Map<NotificationSource, NotificationAuthenticator> endpoints = new EnumMap<>(NotificationSource.class);
        for (NotificationSource source : NotificationSource.values()) {
            endpoints.put(source, NotificationAuthenticator.documented(source, secret));
        }
        return endpoints;
    }

    private static synchronized void stop(Workspace ws, PrintWriter out, CountDownLatch stopped) {
        if (stopped.getCount() == 0) {
            return;
        }
        ws.close();
        log(out, "stopped; every change seen was saved");
        stopped.countDown();
    }

    private void imported(PrintWriter out, StreamName stream, String tag, ImportResult result) {
        if (result instanceof ImportResult.Unchanged && !root.verbose()) {
            return;
        }
        log(out, ImportDocuments.line(stream + ":" + tag, result));
    }

    static void log(PrintWriter writer, String line) {
        synchronized (writer) {
            writer.println("watch: " + line);
            writer.flush();
        }
    }

    private static TokenHash tokenHash(String secret) {
        try {
            return TokenHash.of(secret);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--webhook-secret: " + Errors.oneLine(e));
        }
    }

    /** The metrics endpoint on {@code address}; a bind failure closes the workspace and names the option. */
    private static MetricsEndpoint metricsEndpoint(
            InetSocketAddress address, PrometheusMeterRegistry prometheus, Workspace ws) {
        try {
            return MetricsEndpoint.start(address, prometheus::scrape);
        } catch (java.io.IOException e) {
            ws.close();
            throw new UsageException("--metrics " + address.getHostString() + ":" + address.getPort()
                    + ": cannot listen there: " + e.getMessage());
        }
    }

    private static InetSocketAddress address(String option, String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0) {
            throw new UsageException(option + " '" + text + "' must be HOST:PORT, e.g. 127.0.0.1:8080");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            int port = Integer.parseInt(text.substring(colon + 1));
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return new InetSocketAddress(host, port);
        } catch (NumberFormatException e) {
            throw new UsageException(option + " '" + text + "': the port must be a number from 0 to 65535");
        }
    }
}
