package dev.cloudjar.core.state.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The journal file being appended to. An append is one positional write that has reached the
 * operating system when it returns: the OS keeps it when the process is killed, so no fsync is
 * needed to survive a {@code kill -9} (a power loss may lose the last writes, as it would with
 * the page cache of any database that does not sync each commit).
 */
final class JournalFile implements AutoCloseable {
    private final Path path;
    private final FileChannel channel;
    private long size;

    private JournalFile(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    static JournalFile create(Path path) throws IOException {
        return new JournalFile(path, FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
    }

    /**
     * Appends the framed record. A failed append is cut off again, so that the next record does
     * not follow a partial one that would end the journal for recovery.
     */
    void append(ByteBuffer record) throws IOException {
        long start = size;
        try {
            while (record.hasRemaining()) {
                size += channel.write(record, size);
            }
        } catch (IOException e) {
            size = start;
            channel.truncate(start);
            throw e;
        }
    }

    long size() {
        return size;
    }

    Path path() {
        return path;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
