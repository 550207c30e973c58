package dev.cloudjar.core.state;

import dev.cloudjar.core.spi.storage.Scratch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A directory for one run's temporary files (an in-memory server's blobs, Lambda's unpacked code
 * and runtimes), deleted on close, and the cleaning of those a {@code kill -9} left behind.
 *
 * <p>With a data dir, scratch lives in {@code DIR/scratch/<kind>}, which {@link Storage} empties
 * when it opens the data dir, under its lock: no other process can be using it.
 * Without one, scratch is a {@code cloudjar-<kind>-<pid>-*} directory in {@code java.io.tmpdir}
 * holding an owner file locked for the life of the run. The operating system releases that lock
 * when the process dies, however it dies, so each start deletes every such directory whose lock it
 * can take: its owner is gone. A directory of this process is never even opened, since closing
 * any descriptor of a file releases every lock the process holds on it (POSIX record locks; see
 * {@link FileChannel}'s notes on locking) — hence the pid in the name.
 */
public final class ScratchDirectory implements Scratch {
    static final String PREFIX = "cloudjar-";
    static final String OWNER = ".cloudjar-owner";
    private static final System.Logger LOG = System.getLogger(ScratchDirectory.class.getName());

    private final Path path;
    private final FileChannel owner;

    private ScratchDirectory(Path path, FileChannel owner) {
        this.path = path;
        this.owner = owner;
    }

    /** A new scratch directory of the given kind ("blobs", "lambda"), in the data dir when there is one. */
    public static ScratchDirectory create(Path dataDir, String kind) {
        try {
            if (dataDir != null) {
                Path dir = dataDir.toAbsolutePath().resolve("scratch").resolve(kind);
                deleteTree(dir);
                return new ScratchDirectory(Files.createDirectories(dir), null);
            }
            Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
            sweepAbandoned(tmp);
            Path dir = Files.createTempDirectory(tmp, PREFIX + kind + "-" + ProcessHandle.current().pid() + "-");
            return new ScratchDirectory(dir, lockOwner(dir));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a " + kind + " scratch directory", e);
        }
    }

    /**
     * Locks the owner file before it gets the name a sweep looks for, so no sweep ever sees it
     * unlocked while this process lives.
     */
    private static FileChannel lockOwner(Path dir) throws IOException {
        Path pending = dir.resolve(OWNER + ".new");
        FileChannel channel = FileChannel.open(pending, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            channel.lock();
            Files.move(pending, dir.resolve(OWNER), StandardCopyOption.ATOMIC_MOVE);
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Deletes the scratch directories in {@code tmp} whose owner died; returns how many. */
    static int sweepAbandoned(Path tmp) {
        int deleted = 0;
        try (DirectoryStream<Path> candidates = Files.newDirectoryStream(tmp, PREFIX + "*")) {
            for (Path dir : candidates) {
                try {
                    if (!ours(dir) && Files.isRegularFile(dir.resolve(OWNER)) && abandoned(dir.resolve(OWNER))) {
                        deleteTree(dir);
                        deleted++;
                    }
                } catch (IOException | UncheckedIOException e) {
                    // Another user's directory, or another sweep got there first: left for the next start.
                    LOG.log(System.Logger.Level.DEBUG, "not sweeping " + dir + ": " + e);
                }
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot list " + tmp + " for abandoned scratch directories: " + e);
        }
        return deleted;
    }

    /** Whether the directory's name carries this process's pid. */
    private static boolean ours(Path dir) {
        String[] parts = dir.getFileName().toString().split("-");
        return parts.length >= 4 && parts[2].equals(String.valueOf(ProcessHandle.current().pid()));
    }

    private static boolean abandoned(Path ownerFile) throws IOException {
        try (FileChannel channel = FileChannel.open(ownerFile, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return false;
            }
            lock.release();
            return true;
        } catch (OverlappingFileLockException e) {
            return false;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public void close() {
        if (owner != null) {
            try {
                owner.close();
            } catch (IOException ignored) {
                // closing releases the lock; whatever stays is swept at a later start
            }
        }
        try {
            deleteTree(path);
        } catch (IOException | UncheckedIOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot delete scratch directory " + path + ": " + e);
        }
    }

    /** Deletes a directory and everything in it; nothing when it does not exist. */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
