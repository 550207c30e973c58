package dev.cloudjar.core.auth;

import dev.cloudjar.core.http.Headers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Decodes an aws-chunked body as it is read:
 * {@code <hex size>[;chunk-signature=<sig>]CRLF <data> CRLF ... 0[;chunk-signature=<sig>]CRLF <trailers> CRLF}.
 * With a signature chain, each chunk's signature is checked once its last byte has been handed
 * out and before anything after it is, and the trailer signature before end of stream; a failure
 * is thrown from {@code read}, so a reader that reads to the end before committing never commits
 * a body that was tampered with. Nothing is buffered beyond a small read buffer; a body already
 * in memory is read in place. The read buffer is the stream's own, not a BufferedInputStream:
 * chunk headers are read a byte at a time, and each of those reads took a lock there.
 */
final class AwsChunkedInputStream extends InputStream {
    static final String TRAILER_SIGNATURE = "x-amz-trailer-signature";
    private static final String CHUNK_SIGNATURE = "chunk-signature=";
    private static final int MAX_LINE = 4096;
    /**
     * The trailer section's bound, as for a request's header section: S3 sends a checksum and a
     * signature there, and without a bound a client could make the server keep any amount.
     */
    static final int MAX_TRAILER_BYTES = 16 * 1024;

    private enum State { CHUNK_HEADER, CHUNK_DATA, DONE }

    private static final int READ_BUFFER = 8192;

    /** Where more bytes come from, or null when {@link #buffer} holds the whole body. */
    private final InputStream in;
    private final byte[] buffer;
    private int position;
    private int limit;
    private final long decodedLength;
    private final ChunkSignatureChain chain;
    private final boolean signedTrailer;
    private final MessageDigest chunkDigest;
    private final Headers trailers = new Headers();
    private final byte[] single = new byte[1];
    /** The line being read; chunk headers are ~90 bytes, so it rarely grows. */
    private byte[] line = new byte[128];
    private State state = State.CHUNK_HEADER;
    private long chunkRemaining;
    private String chunkSignature;
    private long decoded;

    /**
     * @param decodedLength x-amz-decoded-content-length, or -1 when not checked
     * @param chain the signatures to check, or null for an unsigned body or when not verifying
     * @param signedTrailer whether the trailer must carry x-amz-trailer-signature
     */
    AwsChunkedInputStream(InputStream in, long decodedLength, ChunkSignatureChain chain, boolean signedTrailer) {
        this(in, new byte[READ_BUFFER], 0, decodedLength, chain, signedTrailer);
    }

    /** Decodes a body that is wholly in memory, reading the array in place. */
    AwsChunkedInputStream(byte[] body, long decodedLength, ChunkSignatureChain chain, boolean signedTrailer) {
        this(null, body, body.length, decodedLength, chain, signedTrailer);
    }

    private AwsChunkedInputStream(InputStream in, byte[] buffer, int limit, long decodedLength,
            ChunkSignatureChain chain, boolean signedTrailer) {
        this.in = in;
        this.buffer = buffer;
        this.limit = limit;
        this.decodedLength = decodedLength;
        this.chain = chain;
        this.signedTrailer = signedTrailer && chain != null;
        this.chunkDigest = chain == null ? null : Digests.sha256();
    }

    /** The trailing headers (such as x-amz-checksum-crc32), complete once the stream has been read to its end. */
    Headers trailers() {
        return trailers;
    }

    @Override
    public int read() throws IOException {
        int n = read(single, 0, 1);
        return n < 0 ? -1 : single[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (true) {
            switch (state) {
                case DONE:
                    return -1;
                case CHUNK_HEADER:
                    startChunk();
                    break;
                case CHUNK_DATA:
                    if (chunkRemaining > 0) {
                        return readData(buffer, offset, length);
                    }
                    endChunk();
                    break;
                default:
                    throw new IllegalStateException(state.name());
            }
        }
    }

    private int readData(byte[] target, int offset, int length) throws IOException {
        int wanted = (int) Math.min(length, chunkRemaining);
        int n;
        if (position == limit && in != null && wanted >= buffer.length) {
            // A large read goes straight to the caller's array.
            n = in.read(target, offset, wanted);
        } else if (position < limit || fill()) {
            n = Math.min(wanted, limit - position);
            System.arraycopy(buffer, position, target, offset, n);
            position += n;
        } else {
            n = -1;
        }
        if (n < 0) {
            throw AuthErrors.incompleteBody();
        }
        if (chunkDigest != null) {
            chunkDigest.update(target, offset, n);
        }
        chunkRemaining -= n;
        decoded += n;
        if (decodedLength >= 0 && decoded > decodedLength) {
            throw AuthErrors.incompleteBody();
        }
        return n;
    }

    /** Refills the read buffer; false at the end of the body. */
    private boolean fill() throws IOException {
        if (in == null) {
            return false;
        }
        int n;
        do {
            n = in.read(buffer, 0, buffer.length);
        } while (n == 0);
        if (n < 0) {
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }

    /** The next byte of the encoded body, or -1 at its end. */
    private int readByte() throws IOException {
        if (position == limit && !fill()) {
            return -1;
        }
        return buffer[position++] & 0xff;
    }

    private void startChunk() throws IOException {
        String header = readLine();
        if (header == null) {
            throw AuthErrors.incompleteBody();
        }
        int semicolon = header.indexOf(';');
        long size = chunkSize(semicolon < 0 ? header : header.substring(0, semicolon));
        chunkSignature = semicolon < 0 ? null : chunkSignature(header.substring(semicolon + 1));
        if (size > 0) {
            chunkRemaining = size;
            state = State.CHUNK_DATA;
            return;
        }
        if (chain != null) {
            chain.verifyChunk(Digests.EMPTY_SHA256, chunkSignature);
        }
        readTrailers();
        if (decodedLength >= 0 && decoded != decodedLength) {
            throw AuthErrors.incompleteBody();
        }
        state = State.DONE;
    }

    private static long chunkSize(String hex) {
        String trimmed = hex.trim();
        if (trimmed.isEmpty() || trimmed.length() > 15) {
            throw AuthErrors.malformedChunkEncoding("bad chunk size '" + hex + "'");
        }
        try {
            return Long.parseLong(trimmed, 16);
        } catch (NumberFormatException e) {
            throw AuthErrors.malformedChunkEncoding("bad chunk size '" + hex + "'");
        }
    }

    private static String chunkSignature(String extensions) {
        for (String extension : extensions.split(";")) {
            String trimmed = extension.trim();
            if (trimmed.startsWith(CHUNK_SIGNATURE)) {
                return trimmed.substring(CHUNK_SIGNATURE.length());
            }
        }
        return null;
    }

    private void endChunk() throws IOException {
        if (readByte() != '\r' || readByte() != '\n') {
            throw AuthErrors.malformedChunkEncoding("chunk data not followed by CRLF");
        }
        if (chain != null) {
            chain.verifyChunk(Digests.hex(chunkDigest.digest()), chunkSignature);
        }
        state = State.CHUNK_HEADER;
    }

    private void readTrailers() throws IOException {
        String trailerSignature = null;
        int size = 0;
        for (String line = readLine(); line != null && !line.isEmpty(); line = readLine()) {
            size += line.length() + 2;
            if (size > MAX_TRAILER_BYTES) {
                throw AuthErrors.malformedChunkEncoding("trailers longer than " + MAX_TRAILER_BYTES + " bytes");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw AuthErrors.malformedChunkEncoding("malformed trailer '" + line + "'");
            }
            String name = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (name.equalsIgnoreCase(TRAILER_SIGNATURE)) {
                trailerSignature = value;
            } else {
                trailers.add(name, value);
            }
        }
        if (signedTrailer) {
            chain.verifyTrailer(Digests.sha256Hex(canonicalTrailers()), trailerSignature);
        }
    }

    private String canonicalTrailers() {
        StringBuilder canonical = new StringBuilder(128);
        Map<String, List<String>> sorted = new TreeMap<>(trailers.asLowerCaseMap());
        CanonicalRequest.appendCanonicalHeaders(canonical, trailers, List.copyOf(sorted.keySet()));
        return canonical.toString();
    }

    /** A CRLF-terminated line without its CRLF, or null at a clean end of stream. */
    private String readLine() throws IOException {
        int length = 0;
        int c;
        while ((c = readByte()) != '\n') {
            if (c < 0) {
                if (length == 0) {
                    return null;
                }
                throw AuthErrors.incompleteBody();
            }
            if (length >= MAX_LINE) {
                throw AuthErrors.malformedChunkEncoding("line longer than " + MAX_LINE + " bytes");
            }
            if (length == line.length) {
                line = Arrays.copyOf(line, Math.min(MAX_LINE, 2 * length));
            }
            line[length++] = (byte) c;
        }
        if (length == 0 || line[length - 1] != '\r') {
            throw AuthErrors.malformedChunkEncoding("line not terminated by CRLF");
        }
        return new String(line, 0, length - 1, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        if (in != null) {
            in.close();
        }
    }
}
