package dev.cloudjar.core.state.journal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Reads the records of a journal or snapshot file in the order they were written. */
final class JournalReader {
    /** Larger than any record written: a longer length is a header cut short or overwritten. */
    private static final int MAX_BODY_BYTES = Integer.MAX_VALUE - 64;

    private JournalReader() {
    }

    /**
     * Passes each whole record to the consumer and stops at the end of the file or at the first
     * record that is not whole, which a {@code kill -9} mid-append leaves behind; its write was
     * never acknowledged. Returns whether the file ended cleanly.
     */
    static boolean read(Path file, Consumer<JournalRecord> consumer) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            byte[] header = new byte[JournalRecord.HEADER_BYTES];
            while (true) {
                int read = in.readNBytes(header, 0, header.length);
                if (read == 0) {
                    return true;
                }
                ByteBuffer frame = ByteBuffer.wrap(header);
                int length = frame.getInt();
                int checksum = frame.getInt();
                if (read < header.length || length < 1 || length > MAX_BODY_BYTES) {
                    return false;
                }
                ByteBuffer body = ByteBuffer.wrap(in.readNBytes(length));
                if (body.remaining() < length || !JournalRecord.checksumMatches(body, checksum)) {
                    return false;
                }
                consumer.accept(JournalRecord.decode(body));
            }
        }
    }
}
