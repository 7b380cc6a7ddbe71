package io.jenkins.plugins.imagestreams.cli;

import io.jenkins.plugins.imagestreams.events.ImageChangeListener;
import io.jenkins.plugins.imagestreams.events.ImageChanged;
import io.jenkins.plugins.imagestreams.reference.Digest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a shell command on each image change, with the change in {@code IMAGE_*} variables; its output goes to ours.
 * A command that fails (non-zero exit, timeout) has not received the event, so it is offered again on the next
 * delivery run (the next change or start). A command run again for one change (after a failure, or after the process
 * that ran it died before recording it) gets the same {@code IMAGE_DELIVERY_ID} and a higher {@code
 * IMAGE_DELIVERY_ATTEMPT}.
 */
final class ExecListener implements ImageChangeListener {
    /** The listener id under which deliveries are marked in the store: one delivery per tag and digest. */
    static final String ID = "cli-exec";

    private final String command;
    private final Duration timeout;
    private final PrintWriter out;
    private final PrintWriter err;

    ExecListener(String command, Duration timeout, PrintWriter out, PrintWriter err) {
        this.command = command;
        this.timeout = timeout;
        this.out = out;
        this.err = err;
    }

    @Override
    public String id() {
        return ID;
    }

    /** The --exec time limit: a run stopped by it releases its claim, so the claim never outlives the command. */
    @Override
    public Duration deliveryTimeout() {
        return timeout;
    }

    @Override
    public void imageChanged(ImageChanged event) throws IOException, InterruptedException {
        WatchCommand.log(out, event.streamTag() + " -> " + event.newDigest().shortForm() + ": running --exec");
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("IMAGE_STREAM", event.stream().toString());
        env.put("IMAGE_NAMESPACE", event.stream().namespace());
        env.put("IMAGE_STREAM_TAG", event.streamTag());
        env.put("IMAGE_TAG", event.tag());
        env.put("IMAGE_DIGEST", event.newDigest().toString());
        env.put("IMAGE_REFERENCE", event.dockerImageReference());
        env.put("IMAGE_PREVIOUS_DIGEST", event.oldDigest().map(Digest::toString).orElse(""));
        env.put("IMAGE_DELIVERY_ID", event.deliveryId());
        env.put("IMAGE_DELIVERY_ATTEMPT", Integer.toString(event.attempt()));
        Process process = builder.start();
        process.getOutputStream().close();
        Thread copier = new Thread(() -> copy(process), "imagestreams-exec-output");
        copier.setDaemon(true);
        copier.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IOException("--exec did not finish within " + timeout.toSeconds() + " s for " + event.streamTag()
                    + "; it was stopped and is run again on the next change or start");
        }
        copier.join(TimeUnit.SECONDS.toMillis(5));
        if (process.exitValue() != 0) {
            WatchCommand.log(err, "--exec exited with " + process.exitValue() + " for " + event.streamTag());
            throw new IOException("--exec exited with " + process.exitValue() + " for " + event.streamTag());
        }
    }

    private void copy(Process process) {
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                synchronized (out) {
                    out.println(line);
                    out.flush();
                }
            }
        } catch (IOException e) {
            // the process ended; its exit code tells the rest
        }
    }
}
