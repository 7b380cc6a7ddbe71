package io.jenkins.plugins.imagestreams.importing;

import io.jenkins.plugins.imagestreams.events.ImageChangeListener;
import io.jenkins.plugins.imagestreams.events.ImageChanged;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Appends each event as a line {@code stream tag digest} to a journal file, forced to disk before it returns. Like a
 * real listener that must never act twice, it first checks the journal: an event re-offered after a crash between
 * its line and the dispatcher's saved mark (the window {@code EventDispatcher} documents) is written to the
 * {@code .redelivered} file instead.
 */
final class JournalListener implements ImageChangeListener {
    static final String ID = "journal";

    private final Path journal;
    private final Path redelivered;
    private final Set<String> written;

    JournalListener(Path journal) throws IOException {
        this.journal = journal;
        this.redelivered = journal.resolveSibling(journal.getFileName() + ".redelivered");
        this.written = new HashSet<>(lines(journal));
        if (Files.exists(journal) && Files.size(journal) > 0 && !endsWithNewline(journal)) {
            append(journal, "\n"); // a line torn by a kill stays unreadable, the next one starts clean
        }
    }

    /** The complete lines of {@code file}; a last line without its newline (torn by a kill) is left out. */
    static List<String> lines(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int end = text.lastIndexOf('\n');
        return end < 0
                ? List.of()
                : text.substring(0, end).lines().filter(l -> !l.isEmpty()).toList();
    }

    static String line(ImageChanged event) {
        return event.stream() + " " + event.tag() + " " + event.newDigest();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public synchronized void imageChanged(ImageChanged event) throws IOException {
        String line = line(event);
        if (written.contains(line)) {
            append(redelivered, line + "\n");
            return;
        }
        append(journal, line + "\n");
        written.add(line);
    }

    private static boolean endsWithNewline(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return bytes[bytes.length - 1] == '\n';
    }

    private static void append(Path file, String text) throws IOException {
        try (FileChannel channel = FileChannel.open(
                file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer buffer = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
        }
    }
}
