package io.jenkins.plugins.imagestreams.bench;

/** The floor of a one-shot command on a JVM: starting, printing one line, exiting. */
public final class HelloWorld {
    private HelloWorld() {}

    public static void main(String[] args) {
        System.out.println("hello");
    }
}
