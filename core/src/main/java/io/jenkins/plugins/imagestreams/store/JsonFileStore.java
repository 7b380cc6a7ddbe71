package io.jenkins.plugins.imagestreams.store;

import io.jenkins.plugins.imagestreams.json.StreamJson;
import io.jenkins.plugins.imagestreams.stream.ImageStream;
import io.jenkins.plugins.imagestreams.stream.InvalidStreamException;
import io.jenkins.plugins.imagestreams.stream.StreamName;
import io.jenkins.plugins.imagestreams.stream.Versioned;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * Keeps each stream in {@code <root>/<namespace>/<name>.json}, pretty JSON in OpenShift's shape ({@link StreamJson})
 * with a {@code metadata.resourceVersion} number.
 *
 * <p>Crash safety: a save writes a temporary file in the same folder, forces it to disk, renames it over the old file
 * atomically and forces the folder, so a reader (or a restart after a crash or power loss) sees the old file or the
 * new one, never a torn one. Concurrency: the version check and the rename run under a per-file lock held both inside
 * this JVM and across processes ({@link FileChannel#lock()} on {@code .<name>.lock}), so of two writers that read the
 * same version the second gets a {@link ConflictException}. A file that cannot be read is reported with its path and
 * never overwritten or deleted.
 *
 * <p>Every load reads the file; it is parsed only when its bytes differ from what this store parsed last time
 * ({@link ParsedStreams}), so a scheduler pass that loads a stream once per tag parses it once; a stream this store
 * saved is kept as the bytes it wrote, so the next load does not parse what was just written.
 */
public final class JsonFileStore implements StreamStore {
    private static final ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();
    private static final String SUFFIX = ".json";

    private final Path root;
    private final ParsedStreams parsed = new ParsedStreams();

    /** A store under {@code root}, created on first save. */
    public JsonFileStore(Path root) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
    }

    /** Where {@code name} is kept. */
    public Path pathOf(StreamName name) {
        return root.resolve(name.namespace()).resolve(name.name() + SUFFIX);
    }

    @Override
    public Optional<Versioned<ImageStream>> load(StreamName name) {
        Path path = pathOf(name);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            parsed.forget(path);
            return Optional.empty();
        } catch (IOException e) {
            throw new CorruptStreamException(path, "it cannot be read (" + e + ")", e);
        }
        return Optional.of(parsed.parse(path, bytes, content -> parse(path, name, content)));
    }

    private static Versioned<ImageStream> parse(Path path, StreamName name, byte[] bytes) {
        Versioned<ImageStream> stored;
        try {
            stored = StreamJson.read(bytes);
        } catch (IllegalArgumentException e) {
            throw new CorruptStreamException(path, e.getMessage(), e);
        }
        if (!stored.value().name().equals(name)) {
            throw new CorruptStreamException(
                    path, "it holds stream " + stored.value().name() + " instead of " + name, null);
        }
        return stored;
    }

    @Override
    public List<StreamName> list() {
        List<StreamName> names = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return names;
        }
        try (Stream<Path> namespaces = Files.list(root)) {
            for (Path namespace : namespaces.sorted().toList()) {
                if (!Files.isDirectory(namespace)) {
                    continue;
                }
                try (Stream<Path> files = Files.list(namespace)) {
                    for (Path file : files.sorted().toList()) {
                        String fileName = file.getFileName().toString();
                        if (fileName.endsWith(SUFFIX) && !fileName.startsWith(".")) {
                            nameOf(namespace.getFileName().toString(), fileName).ifPresent(names::add);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new StoreException("cannot list image streams under " + root + ": " + e, e);
        }
        names.sort(null);
        return names;
    }

    private static Optional<StreamName> nameOf(String namespace, String fileName) {
        try {
            return Optional.of(StreamName.of(namespace, fileName.substring(0, fileName.length() - SUFFIX.length())));
        } catch (InvalidStreamException e) {
            return Optional.empty();
        }
    }

    @Override
    public long save(ImageStream stream, long expectedVersion) {
        Path path = pathOf(stream.name());
        return locked(path, () -> {
            long current = currentVersion(path, stream.name());
            if (current != expectedVersion) {
                throw new ConflictException(stream.name(), expectedVersion, current);
            }
            long next = current + 1;
            byte[] json = StreamJson.write(stream, next);
            AtomicFiles.write(path, json);
            parsed.remember(path, json, new Versioned<>(stream, next));
            return next;
        });
    }

    @Override
    public void delete(StreamName name, long expectedVersion) {
        Path path = pathOf(name);
        locked(path, () -> {
            long current = currentVersion(path, name);
            if (current == 0 || current != expectedVersion) {
                throw new ConflictException(name, expectedVersion, current);
            }
            AtomicFiles.delete(path);
            parsed.forget(path);
            return 0;
        });
    }

    private long currentVersion(Path path, StreamName name) {
        return load(name).map(Versioned::version).orElse(0L);
    }

    private static long locked(Path path, LongSupplier action) {
        ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(path, p -> new ReentrantLock());
        jvmLock.lock();
        try {
            Files.createDirectories(path.getParent());
            Path lockFile = path.resolveSibling("." + path.getFileName() + ".lock");
            try (FileChannel channel =
                    FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                FileLock lock = channel.lock();
                try {
                    return action.getAsLong();
                } finally {
                    lock.release();
                }
            }
        } catch (IOException e) {
            throw new StoreException("cannot lock " + path + " for writing: " + e, e);
        } finally {
            jvmLock.unlock();
        }
    }

    /**
     * Durable file replacement: temp file, fsync, atomic rename, fsync of the folder. The temp file is readable and
     * writable by its owner alone (on POSIX file systems) and named from the process and a counter, made with
     * {@code CREATE_NEW} so that no two writers share one: {@link Files#createTempFile} would name it at random, and
     * seeding its {@link java.security.SecureRandom} costs a one-shot command some 20 ms at its first save.
     */
    static final class AtomicFiles {
        /** The number of the last temp file named; package-private for tests. */
        static final AtomicLong TEMP_FILES = new AtomicLong();

        private static final int TEMP_NAME_ATTEMPTS = 100;
        private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

        private AtomicFiles() {}

        static void write(Path path, byte[] content) {
            Path dir = path.getParent();
            Path temp = null;
            try {
                FileChannel channel = null;
                for (int attempt = 0; channel == null; attempt++) {
                    Path candidate = dir.resolve("." + path.getFileName() + "."
                            + ProcessHandle.current().pid() + "-" + TEMP_FILES.incrementAndGet() + ".tmp");
                    try {
                        channel = createOwnerOnly(candidate);
                        temp = candidate;
                    } catch (FileAlreadyExistsException e) {
                        // left by an earlier process of the same id, which is not ours to delete: take the next number
                        if (attempt == TEMP_NAME_ATTEMPTS) {
                            throw e;
                        }
                    }
                }
                try (FileChannel open = channel) {
                    ByteBuffer buffer = ByteBuffer.wrap(content);
                    while (buffer.hasRemaining()) {
                        open.write(buffer);
                    }
                    open.force(true);
                }
                Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                temp = null;
                forceDirectory(dir);
            } catch (IOException e) {
                throw new StoreException("cannot write " + path + ": " + e, e);
            } finally {
                if (temp != null) {
                    try {
                        Files.deleteIfExists(temp);
                    } catch (IOException ignored) {
                        // the failure above is what matters; a stray hidden temp file is ignored by list()
                    }
                }
            }
        }

        private static FileChannel createOwnerOnly(Path file) throws IOException {
            Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                return FileChannel.open(file, options, OWNER_ONLY);
            }
            return FileChannel.open(file, options);
        }

        static void delete(Path path) {
            try {
                Files.delete(path);
                forceDirectory(path.getParent());
            } catch (IOException e) {
                throw new StoreException("cannot delete " + path + ": " + e, e);
            }
        }

        private static void forceDirectory(Path dir) throws IOException {
            try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
                channel.force(true);
            } catch (IOException e) {
                if (!System.getProperty("os.name").startsWith("Windows")) {
                    throw e;
                }
            }
        }
    }
}
