package dev.cloudjar.lambda.function;

import dev.cloudjar.core.spi.Capabilities;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.ObjectSource;
import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.core.spi.storage.BlobStore;
import dev.cloudjar.lambda.LambdaErrors;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Code packages of functions and layers: zips kept as blobs (from the request's ZipFile, or from
 * S3 through {@link ObjectSource}), and unpacked on first use (one directory per distinct
 * package, shared by every environment that runs it).
 */
public final class CodePackages {
    /** A stored package: its blob, size and the base64 SHA-256 Lambda reports as CodeSha256. */
    public record StoredCode(String blobId, long size, String sha256) {
    }

    /** Where a package's bytes come from. */
    private interface ZipSource {
        InputStream open() throws IOException;
    }

    private final BlobStore blobs;
    private final Capabilities capabilities;
    private final Path unpackRoot;
    private final Map<String, Path> taskRoots = new ConcurrentHashMap<>();
    private final Map<String, Path> optRoots = new ConcurrentHashMap<>();

    public CodePackages(BlobStore blobs, Capabilities capabilities, Path unpackRoot) {
        this.blobs = blobs;
        this.capabilities = capabilities;
        this.unpackRoot = unpackRoot;
    }

    /**
     * Stores the package a FunctionCode (or a layer's Content) names: ZipFile bytes, or the S3
     * object at S3Bucket/S3Key (S3ObjectVersion) in the caller's account.
     */
    public StoredCode store(Scope scope, Input code) {
        if (code.has("ZipFile")) {
            if (code.has("S3Bucket") || code.has("S3Key") || code.has("S3ObjectVersion") || code.has("ImageUri")) {
                throw LambdaErrors.invalidParameter("Please do not provide other FunctionCode parameters when providing a ZipFile.");
            }
            byte[] zip = code.blob("ZipFile");
            return store(() -> new ByteArrayInputStream(zip));
        }
        if (code.has("S3Bucket") && code.has("S3Key")) {
            ObjectSource.StoredObject object = s3Object(scope, code);
            return store(object::open);
        }
        if (code.has("ImageUri")) {
            throw LambdaErrors.invalidParameter("Cloudjar runs .zip functions; container images are not supported yet.");
        }
        throw LambdaErrors.invalidParameter("Please provide a source for function code.");
    }

    /** The object S3Bucket/S3Key (S3ObjectVersion) name; Lambda reports S3's error inside its own InvalidParameterValueException. */
    private ObjectSource.StoredObject s3Object(Scope scope, Input code) {
        String bucket = code.string("S3Bucket");
        Optional<ObjectSource> s3 = capabilities.find(ObjectSource.class);
        Optional<ObjectSource.StoredObject> object = s3.flatMap(source -> source.find(scope.accountId(), bucket,
                code.string("S3Key"), code.string("S3ObjectVersion")));
        if (object.isPresent()) {
            return object.get();
        }
        if (s3.isEmpty() || !s3.get().bucketExists(scope.accountId(), bucket)) {
            throw LambdaErrors.invalidParameter("Error occurred while GetObject. S3 Error Code: NoSuchBucket. "
                    + "S3 Error Message: The specified bucket does not exist");
        }
        throw LambdaErrors.invalidParameter("Error occurred while GetObject. S3 Error Code: NoSuchKey. "
                + "S3 Error Message: The specified key does not exist.");
    }

    /** Checks that the bytes are a zip with at least one entry, and stores them. */
    private StoredCode store(ZipSource zip) {
        requireZip(zip);
        try (BlobStore.BlobWriter writer = blobs.create(); InputStream in = zip.open()) {
            MessageDigest sha256 = sha256();
            in.transferTo(new DigestOutputStream(writer.output(), sha256));
            long size = writer.size();
            String blobId = writer.commit();
            return new StoredCode(blobId, size, Base64.getEncoder().encodeToString(sha256.digest()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void requireZip(ZipSource zip) {
        try (ZipInputStream in = new ZipInputStream(zip.open())) {
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
        return unpacked(function.codeBlob(), function.codeSha256());
    }

    /** A package unpacked into its own directory, the first time it is asked for. */
    public Path unpacked(String blobId, String sha256) {
        return taskRoots.computeIfAbsent(blobId, id -> {
            Path dir = unpackRoot.resolve(sha256.replace('/', '_').replace('+', '-').replace("=", ""));
            unpack(id, dir);
            return dir;
        });
    }

    /**
     * The directory that stands for /opt: the layers extracted in order, a later layer's files
     * replacing an earlier one's as Lambda merges them. One per distinct list of layers, shared
     * by the environments that use it (like /opt, it is only read).
     */
    public Path opt(List<FunctionLayer> layers) {
        String shas = layers.stream().map(FunctionLayer::codeSha256).collect(Collectors.joining(","));
        return optRoots.computeIfAbsent(shas, key -> {
            Path dir = unpackRoot.resolve("opt-" + HexFormat.of().formatHex(sha256().digest(key.getBytes(StandardCharsets.UTF_8))));
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            layers.forEach(layer -> unpack(layer.codeBlob(), dir));
            return dir;
        });
    }

    /** Extracts a package into a directory, over whatever is there (how layers stack into /opt). */
    public void unpack(String blobId, Path dir) {
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
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack code package " + blobId, e);
        }
    }

    /** Forgets unpacked packages (their directories go with the server's temporary root). */
    public void clear() {
        taskRoots.clear();
        optRoots.clear();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
