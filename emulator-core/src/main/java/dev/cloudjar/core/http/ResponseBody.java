package dev.cloudjar.core.http;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * A response body: nothing, bytes, a stream of known length, or regions of files (sent zero-copy),
 * one or several in a row.
 */
public sealed interface ResponseBody {
    ResponseBody EMPTY = new Bytes(new byte[0]);

    long length();

    record Bytes(byte[] bytes) implements ResponseBody {
        @Override
        public long length() {
            return bytes.length;
        }
    }

    /** A stream the server pumps off the event loop; it is closed when sent or when the client goes. */
    record Stream(InputStream stream, long length) implements ResponseBody {
    }

    record FileRegion(Path file, long offset, long length) implements ResponseBody {
    }

    /** Regions sent one after another, so a body stored as several files still goes out zero-copy. */
    record FileRegions(List<FileRegion> regions) implements ResponseBody {
        public FileRegions {
            regions = List.copyOf(regions);
        }

        @Override
        public long length() {
            return regions.stream().mapToLong(FileRegion::length).sum();
        }
    }

    static ResponseBody of(byte[] bytes) {
        return new Bytes(bytes);
    }

    static ResponseBody of(String utf8) {
        return new Bytes(utf8.getBytes(StandardCharsets.UTF_8));
    }
}
