package dev.cloudjar.s3.object;

import dev.cloudjar.core.http.ResponseBody;
import dev.cloudjar.core.spi.storage.BlobStore;
import dev.cloudjar.s3.store.ObjectVersion;

import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The one way to an object's bytes. An object is a row of blobs: one for an object uploaded in
 * one piece, its parts' blobs for a multipart object (completion keeps the parts instead of
 * copying them into one file). A byte range of the object maps to slices of those blobs.
 */
public final class ObjectContent {
    private final BlobStore blobs;

    public ObjectContent(BlobStore blobs) {
        this.blobs = blobs;
    }

    /** A stretch of one blob that a byte range of the object covers. */
    private record Slice(String blobId, long offset, long length) {
    }

    /**
     * The object's bytes from {@code offset} as a response body: a range within one blob is that
     * blob's file region, a range across blobs a run of regions, both sent zero-copy. A small blob
     * has no file of its own (it shares a pack): alone it is read into the body, which costs less
     * than opening a file; among others the whole range is streamed.
     */
    public ResponseBody body(ObjectVersion object, long offset, long length) {
        List<Slice> slices = slices(object, offset, length);
        if (slices.isEmpty()) {
            return ResponseBody.EMPTY;
        }
        List<ResponseBody.FileRegion> regions = new ArrayList<>();
        for (Slice s : slices) {
            Optional<Path> file = blobs.file(s.blobId());
            if (file.isEmpty()) {
                return slices.size() == 1 ? new ResponseBody.Bytes(readSmall(s))
                        : new ResponseBody.Stream(open(object, offset, length), length);
            }
            regions.add(new ResponseBody.FileRegion(file.get(), s.offset(), s.length()));
        }
        return regions.size() == 1 ? regions.get(0) : new ResponseBody.FileRegions(regions);
    }

    private byte[] readSmall(Slice slice) {
        try {
            return blobs.read(slice.blobId(), slice.offset(), (int) slice.length());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads {@code length} bytes of the object from {@code offset}, opening each blob only when reached. */
    public InputStream open(ObjectVersion object, long offset, long length) {
        Iterator<Slice> slices = slices(object, offset, length).iterator();
        return new SequenceInputStream(new Enumeration<>() {
            @Override
            public boolean hasMoreElements() {
                return slices.hasNext();
            }

            @Override
            public InputStream nextElement() {
                Slice s = slices.next();
                try {
                    return blobs.open(s.blobId(), s.offset(), s.length());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
    }

    private static List<Slice> slices(ObjectVersion object, long offset, long length) {
        List<String> ids = object.blobIds();
        List<Long> sizes = object.blobSizes();
        List<Slice> out = new ArrayList<>();
        long start = 0;
        long end = offset + length;
        for (int i = 0; i < ids.size() && start < end; i++) {
            long blobEnd = start + sizes.get(i);
            long from = Math.max(offset, start);
            long to = Math.min(end, blobEnd);
            if (from < to) {
                out.add(new Slice(ids.get(i), from - start, to - from));
            }
            start = blobEnd;
        }
        return out;
    }
}
