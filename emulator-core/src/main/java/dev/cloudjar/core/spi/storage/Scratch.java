package dev.cloudjar.core.spi.storage;

import dev.cloudjar.core.state.ScratchDirectory;

import java.nio.file.Path;

/**
 * A directory for a service's temporary files (unpacked code, runtimes, output), deleted on
 * close, and by a later start when a {@code kill -9} kept the close from happening (see
 * {@link ScratchDirectory}). The storage SPI's door to it: services do not reach storage's
 * implementations.
 */
public interface Scratch extends AutoCloseable {
    Path path();

    @Override
    void close();

    /** A new scratch directory of the given kind, in the data dir's {@code scratch} when there is a data dir. */
    static Scratch create(Path dataDir, String kind) {
        return ScratchDirectory.create(dataDir, kind);
    }
}
