package dev.cloudjar.core.state.blob;

import dev.cloudjar.core.spi.storage.BlobStore;
import dev.cloudjar.core.spi.storage.StateStore;
import dev.cloudjar.core.state.Fsync;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Blobs as files: {@code root/tmp/<id>} while written, then {@code root/<first two characters of
 * the id>/<id>} once committed. Ids are random UUIDs in hex, checked on every call, so no caller
 * string ever becomes part of a path; the two-character fan-out keeps directories small. Blobs of
 * up to {@link PackedBlobs#MAX_BLOB_BYTES} are appended to packs in {@code root/packs} instead
 * (see {@link PackedBlobs}); they have no file of their own.
 *
 * <p>Durable stores fsync each blob and the directory that names it before a commit returns;
 * temporary ones (in-memory mode) skip that and delete their directory on close.
 */
public final class FileBlobStore implements BlobStore {
    private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");
    private static final String PACKS = "packs";

    private final Path root;
    private final Path tmp;
    private final boolean durable;
    private final boolean deleteOnClose;
    private final PackedBlobs packed;

    private FileBlobStore(Path root, StateStore state, boolean durable, boolean deleteOnClose) throws IOException {
        this.root = root;
        this.tmp = root.resolve("tmp");
        this.durable = durable;
        this.deleteOnClose = deleteOnClose;
        Files.createDirectories(tmp);
        deleteContents(tmp);
        this.packed = new PackedBlobs(root.resolve(PACKS), state, durable);
    }

    /**
     * Opens the durable store in {@code root}, deleting blobs left half-written by a crash: an
     * upload that was not committed leaves nothing behind. The packs' index is kept in
     * {@code state}, which must be as durable.
     */
    public static FileBlobStore open(Path root, StateStore state) throws IOException {
        FileBlobStore store = new FileBlobStore(root, state, true, false);
        Fsync.directory(root.getParent());
        return store;
    }

    /** A store in a new temporary directory, deleted on close; the packs' index is kept in {@code state}. */
    public static FileBlobStore temporary(StateStore state) throws IOException {
        return temporary(Files.createTempDirectory("cloudjar-blobs"), state);
    }

    /** A store in the given directory (created if need be), not synced, deleted on close. */
    public static FileBlobStore temporary(Path root, StateStore state) throws IOException {
        return new FileBlobStore(root, state, false, true);
    }

    @Override
    public BlobWriter create(long expectedLength) {
        String id = UUID.randomUUID().toString().replace("-", "");
        return new FileBlobWriter(this, id, tmp, expectedLength);
    }

    @Override
    public InputStream open(String blobId, long offset, long length) throws IOException {
        checkId(blobId);
        Optional<InputStream> small = packed.open(blobId, offset, length);
        if (small.isPresent()) {
            return small.get();
        }
        FileChannel channel = FileChannel.open(committed(blobId), StandardOpenOption.READ);
        try {
            long size = channel.size();
            if (offset < 0 || length < 0 || offset > size || length > size - offset) {
                throw new IllegalArgumentException("range " + offset + "+" + length
                        + " is outside blob " + blobId + " of " + size + " bytes");
            }
            return new RangeInputStream(channel, offset, length);
        } catch (RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** A small blob's bytes straight from its pack, without a stream over a copy of them. */
    @Override
    public byte[] read(String blobId, long offset, int length) throws IOException {
        checkId(blobId);
        Optional<byte[]> small = packed.read(blobId, offset, length);
        return small.isPresent() ? small.get() : BlobStore.super.read(blobId, offset, length);
    }

    @Override
    public Optional<Path> file(String blobId) {
        checkId(blobId);
        return packed.exists(blobId) ? Optional.empty() : Optional.of(committed(blobId));
    }

    @Override
    public long size(String blobId) throws IOException {
        checkId(blobId);
        Optional<Long> small = packed.size(blobId);
        return small.isPresent() ? small.get() : Files.size(committed(blobId));
    }

    @Override
    public boolean exists(String blobId) {
        return isId(blobId) && (packed.exists(blobId) || Files.isRegularFile(committed(blobId)));
    }

    @Override
    public boolean delete(String blobId) {
        if (!isId(blobId)) {
            return false;
        }
        try {
            return packed.delete(blobId) || Files.deleteIfExists(committed(blobId));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void clear() {
        packed.clear();
        try (DirectoryStream<Path> fanOut = Files.newDirectoryStream(root,
                path -> !path.equals(tmp) && !path.getFileName().toString().equals(PACKS))) {
            for (Path directory : fanOut) {
                deleteContents(directory);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        packed.close();
        if (deleteOnClose && Files.exists(root)) {
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The directory holding the blobs, for tests that check what is left on disk. */
    Path root() {
        return root;
    }

    boolean durable() {
        return durable;
    }

    PackedBlobs packed() {
        return packed;
    }

    /** Moves a finished temp file to its committed place, where it becomes visible at once. */
    void publish(Path written, String blobId) throws IOException {
        Path target = committed(blobId);
        Path directory = target.getParent();
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory);
            if (durable) {
                Fsync.directory(root);
            }
        }
        Files.move(written, target, StandardCopyOption.ATOMIC_MOVE);
        if (durable) {
            Fsync.directory(directory);
        }
    }

    private Path committed(String blobId) {
        if (!isId(blobId)) {
            throw new IllegalArgumentException("not a blob id: '" + blobId + "'");
        }
        return root.resolve(blobId.substring(0, 2)).resolve(blobId);
    }

    private static void checkId(String blobId) {
        if (!isId(blobId)) {
            throw new IllegalArgumentException("not a blob id: '" + blobId + "'");
        }
    }

    private static boolean isId(String blobId) {
        return blobId != null && ID.matcher(blobId).matches();
    }

    private static void deleteContents(Path directory) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                Files.deleteIfExists(file);
            }
        }
    }
}
