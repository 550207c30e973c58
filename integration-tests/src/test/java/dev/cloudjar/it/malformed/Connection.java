package dev.cloudjar.it.malformed;

import dev.cloudjar.it.fixtures.RawHttp;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One client connection that reads whatever the server answers, within a deadline: Content-Length
 * and chunked bodies, interim 1xx answers skipped, a HEAD's body absent. A read that outlasts the
 * deadline is a hang, reported as {@link Hang}; the end of the stream is reported as {@code null}.
 */
final class Connection implements AutoCloseable {
    /** A response; headers by lower-case name. */
    record Answer(int status, Map<String, String> headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        boolean closes() {
            return "close".equalsIgnoreCase(headers.getOrDefault("connection", ""));
        }
    }

    /** The server neither answered nor closed within the deadline. */
    static final class Hang extends IOException {
        Hang(String what) {
            super(what);
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    Connection(URI endpoint, Duration deadline) throws IOException {
        socket = new Socket(endpoint.getHost(), endpoint.getPort());
        socket.setSoTimeout((int) deadline.toMillis());
        socket.setTcpNoDelay(true);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Writes the bytes; false when the server has already closed the connection. */
    boolean write(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Tells the server nothing more is coming, so a request that promised more bytes cannot keep it waiting. */
    void finishSending() {
        try {
            socket.shutdownOutput();
        } catch (IOException ignored) {
            // already closed by the server: nothing left to finish
        }
    }

    /**
     * The next response, or null when the server closed the connection instead.
     *
     * @param head whether the request was a HEAD, whose answer declares a length it does not send;
     *             null when that is unknown (a request the server may not have parsed as one),
     *             which accepts a body that ends at the close before its declared length
     */
    Answer read(Boolean head) throws IOException {
        try {
            String statusLine = line();
            if (statusLine == null) {
                return null;
            }
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
                throw new IOException("not an HTTP status line: " + statusLine);
            }
            int status = Integer.parseInt(parts[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            String header;
            while ((header = line()) != null && !header.isEmpty()) {
                int colon = header.indexOf(':');
                headers.merge(header.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        header.substring(colon + 1).trim(), (a, b) -> a + "," + b);
            }
            if (status / 100 == 1) {
                return read(head);
            }
            byte[] body;
            if (Boolean.TRUE.equals(head) || status == 204 || status == 304) {
                body = new byte[0];
            } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                body = chunked();
            } else {
                int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
                body = in.readNBytes(length);
                if (body.length < length && head != null) {
                    throw new IOException("status " + status + ": the body ended after " + body.length + " of its "
                            + length + " bytes");
                }
            }
            return new Answer(status, headers, body);
        } catch (SocketTimeoutException e) {
            throw new Hang("no answer within " + socket.getSoTimeout() + " ms");
        } catch (IOException e) {
            if (isReset(e)) {
                return null;
            }
            throw e;
        }
    }

    /** True when the server closes the connection within the deadline; bytes it sends meanwhile are skipped. */
    boolean closedByServer() throws IOException {
        try {
            while (in.read() >= 0) {
                // a late byte is not ours to judge here; the close is what counts
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            if (isReset(e)) {
                return true;
            }
            throw e;
        }
    }

    private static boolean isReset(IOException e) {
        String message = String.valueOf(e.getMessage());
        return message.contains("Connection reset") || message.contains("Broken pipe");
    }

    private byte[] chunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line();
            if (size == null) {
                throw new IOException("connection closed inside a chunked body");
            }
            int semicolon = size.indexOf(';');
            int length = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
            if (length == 0) {
                while (true) {
                    String trailer = line();
                    if (trailer == null || trailer.isEmpty()) {
                        return body.toByteArray();
                    }
                }
            }
            body.write(in.readNBytes(length));
            line();
        }
    }

    private String line() throws IOException {
        return RawHttp.line(in);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a socket the server may have closed first
        }
    }
}
