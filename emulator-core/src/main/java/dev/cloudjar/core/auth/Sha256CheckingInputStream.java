package dev.cloudjar.core.auth;

import dev.cloudjar.core.model.Protocol;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Locale;

/**
 * Passes a streamed body through while hashing it, and at its end, before reporting end of
 * stream, throws if it does not hash to the declared x-amz-content-sha256, so a reader that reads
 * to the end before committing never commits a body that differs from what was signed.
 */
final class Sha256CheckingInputStream extends InputStream {
    private final InputStream in;
    private final String declared;
    private final Protocol protocol;
    private final MessageDigest digest = Digests.sha256();
    private boolean checked;

    Sha256CheckingInputStream(InputStream in, String declared, Protocol protocol) {
        this.in = in;
        this.declared = declared.toLowerCase(Locale.ROOT);
        this.protocol = protocol;
    }

    @Override
    public int read() throws IOException {
        int c = in.read();
        if (c < 0) {
            checkAtEnd();
        } else {
            digest.update((byte) c);
        }
        return c;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        int n = in.read(buffer, offset, length);
        if (n < 0) {
            checkAtEnd();
        } else {
            digest.update(buffer, offset, n);
        }
        return n;
    }

    private void checkAtEnd() {
        if (checked) {
            return;
        }
        checked = true;
        String computed = Digests.hex(digest.digest());
        if (!computed.equals(declared)) {
            throw AuthErrors.contentSha256Mismatch(protocol, declared, computed);
        }
    }

    @Override
    public int available() throws IOException {
        return in.available();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
