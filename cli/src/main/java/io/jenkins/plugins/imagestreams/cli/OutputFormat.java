package io.jenkins.plugins.imagestreams.cli;

/** How data is printed: for people, or for programs. */
enum OutputFormat {
    text,
    json,
    yaml
}
