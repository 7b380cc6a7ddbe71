package io.jenkins.plugins.imagestreams.store;

import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.Versioned;
import java.nio.file.Path;
import java.time.Instant;

/** Run in a child JVM by {@link CrashSafetyTest}: saves ever-growing streams until it is killed. */
public final class CrashingWriter {
    private CrashingWriter() {}

    public static void main(String[] args) {
        JsonFileStore store = new JsonFileStore(Path.of(args[0]));
        StreamName[] names = {StreamName.parse("crash-a"), StreamName.parse("crash-b")};
        for (long i = 0; ; i++) {
            StreamName name = names[(int) (i % names.length)];
            var stored = store.load(name);
            ImageStream stream = stored.map(Versioned::value).orElseGet(() -> StoreFixtures.simple(name));
            String seed = "image-" + i;
            ImageStream next = stream.withSpec(stream.spec().withHistoryLimit(50))
                    .recordImport(
                            "latest",
                            StoreFixtures.digest(seed),
                            "localhost:5000/app@" + StoreFixtures.digest(seed),
                            Instant.now(),
                            "import " + "x".repeat((int) (i % 4000)));
            store.save(next, stored.map(Versioned::version).orElse(StreamStore.NEW));
        }
    }
}
