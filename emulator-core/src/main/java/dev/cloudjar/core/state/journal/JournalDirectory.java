package dev.cloudjar.core.state.journal;

import dev.cloudjar.core.state.Fsync;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files of the state, numbered by generation: {@code snapshot-N} holds every entry as of the
 * start of {@code journal-N}, which holds the writes since. Recovery reads the newest snapshot and
 * then every journal of its generation or later; older files are left over from a compaction
 * that a crash interrupted before it deleted them.
 */
final class JournalDirectory {
    private static final Pattern NAME = Pattern.compile("(snapshot|journal)-(\\d{19})");

    private final Path directory;

    JournalDirectory(Path directory) throws IOException {
        this.directory = Files.createDirectories(directory);
    }

    Path snapshot(long generation) {
        return directory.resolve("snapshot-%019d".formatted(generation));
    }

    Path journal(long generation) {
        return directory.resolve("journal-%019d".formatted(generation));
    }

    /** Where a snapshot is written before it is renamed to {@link #snapshot}. */
    Path partialSnapshot(long generation) {
        return directory.resolve("snapshot-%019d.partial".formatted(generation));
    }

    Optional<Long> newestSnapshot() throws IOException {
        return Optional.ofNullable(generations("snapshot").pollLast());
    }

    /** Journal generations from the given one on, oldest first. */
    TreeSet<Long> journalsFrom(long generation) throws IOException {
        return new TreeSet<>(generations("journal").tailSet(generation));
    }

    /** Makes a fully written snapshot the one recovery reads. */
    void publish(long generation) throws IOException {
        Files.move(partialSnapshot(generation), snapshot(generation), StandardCopyOption.ATOMIC_MOVE);
        Fsync.directory(directory);
    }

    /** Deletes the snapshots and journals before the generation and any partial snapshot. */
    void deleteBefore(long generation) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                Matcher name = NAME.matcher(file.getFileName().toString());
                if (name.matches() && Long.parseLong(name.group(2)) < generation) {
                    Files.deleteIfExists(file);
                }
            }
        }
        try (DirectoryStream<Path> partial = Files.newDirectoryStream(directory, "snapshot-*.partial")) {
            for (Path file : partial) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** The highest generation of any file, or 0 in a new directory. */
    long newestGeneration() throws IOException {
        TreeSet<Long> all = generations("snapshot");
        all.addAll(generations("journal"));
        return all.isEmpty() ? 0 : all.last();
    }

    Path path() {
        return directory;
    }

    private TreeSet<Long> generations(String kind) throws IOException {
        TreeSet<Long> generations = new TreeSet<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                Matcher name = NAME.matcher(file.getFileName().toString());
                if (name.matches() && name.group(1).equals(kind)) {
                    generations.add(Long.parseLong(name.group(2)));
                }
            }
        }
        return generations;
    }
}
