package dev.cloudjar.lambda.runtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * An environment's merged stdout and stderr, redirected to a file and read in lines by whoever
 * asks. A runtime writes its output before it answers through the Runtime API, and a write to a
 * file is visible to readers at once, so the lines taken when an invocation ends are exactly
 * those written before: no reader thread, no waiting, no guessing whether a pipe still holds
 * some.
 */
final class ProcessOutput {
    private static final byte NEWLINE = '\n';

    private final Path file;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private long offset;

    ProcessOutput(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /** The lines written since the last call; a last line without its newline counts too. */
    synchronized List<String> take() {
        List<String> lines = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(8192);
            int n;
            while ((n = channel.read(buffer, offset)) > 0) {
                offset += n;
                for (int i = 0; i < n; i++) {
                    byte b = buffer.get(i);
                    if (b == NEWLINE) {
                        lines.add(partial.toString(StandardCharsets.UTF_8));
                        partial.reset();
                    } else {
                        partial.write(b);
                    }
                }
                buffer.clear();
            }
        } catch (IOException e) {
            // the file is gone with its environment: nothing more to read
        }
        if (partial.size() > 0) {
            lines.add(partial.toString(StandardCharsets.UTF_8));
            partial.reset();
        }
        return lines;
    }

    void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // it goes with the server's temporary directory
        }
    }
}
