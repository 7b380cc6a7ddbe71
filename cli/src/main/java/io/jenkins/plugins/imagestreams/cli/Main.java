package io.jenkins.plugins.imagestreams.cli;

/** Entry point of the {@code imagestreams} command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.out.println("imagestreams: not yet");
    }
}
