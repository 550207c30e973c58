package dev.cloudjar.core.state;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Flushes a directory so that the names it holds (a renamed blob or snapshot) survive a crash. */
public final class Fsync {
    private Fsync() {
    }

    /**
     * Forces the directory to disk where the platform allows it. Windows refuses to open a
     * directory as a channel; there, NTFS journals renames itself.
     */
    public static void directory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Not supported on this platform: the rename itself is still atomic.
        }
    }
}
