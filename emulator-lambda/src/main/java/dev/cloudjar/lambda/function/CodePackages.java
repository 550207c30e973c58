package dev.cloudjar.lambda.function;

import dev.cloudjar.core.spi.storage.BlobStore;
import dev.cloudjar.lambda.LambdaErrors;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Function code packages: zips kept as blobs, and unpacked on first use into a task root (one
 * directory per distinct package, shared by every environment that runs it).
 */
public final class CodePackages {
    /** A stored package: its blob, size and the base64 SHA-256 Lambda reports as CodeSha256. */
    public record StoredCode(String blobId, long size, String sha256) {
    }

    private final BlobStore blobs;
    private final Path unpackRoot;
    private final Map<String, Path> taskRoots = new ConcurrentHashMap<>();

    public CodePackages(BlobStore blobs, Path unpackRoot) {
        this.blobs = blobs;
        this.unpackRoot = unpackRoot;
    }

    /** Checks that the bytes are a zip with at least one entry, and stores them. */
    public StoredCode store(byte[] zip) {
        requireZip(zip);
        try (BlobStore.BlobWriter writer = blobs.create()) {
            writer.output().write(zip);
            String blobId = writer.commit();
            return new StoredCode(blobId, zip.length, sha256(zip));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void requireZip(byte[] zip) {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            if (in.getNextEntry() != null) {
                return;
            }
        } catch (IOException e) {
            // falls through to Lambda's answer for a package it cannot unzip
        }
        throw LambdaErrors.invalidParameter("Could not unzip uploaded file. Please check your file, then try to upload again.");
    }

    /** The unpacked package, unpacking it the first time. */
    public Path taskRoot(FunctionConfiguration function) {
        return taskRoots.computeIfAbsent(function.codeBlob(), blobId -> unpack(blobId, function.codeSha256()));
    }

    private Path unpack(String blobId, String sha256) {
        Path dir = unpackRoot.resolve(sha256.replace('/', '_').replace('+', '-').replace("=", ""));
        try (InputStream zip = blobs.open(blobId, 0, blobs.size(blobId));
             ZipInputStream in = new ZipInputStream(zip)) {
            Files.createDirectories(dir);
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                Path target = dir.resolve(entry.getName()).normalize();
                if (!target.startsWith(dir)) {
                    continue;
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    // java.util.zip does not expose Unix modes: make files executable so that a
                    // bootstrap (and the binaries it calls) runs, as it does when zipped with +x.
                    target.toFile().setExecutable(true);
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack code package " + blobId, e);
        }
    }

    /** Forgets unpacked packages (their directories go with the server's temporary root). */
    public void clear() {
        taskRoots.clear();
    }

    static String sha256(byte[] bytes) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
