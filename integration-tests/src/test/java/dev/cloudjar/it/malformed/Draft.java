package dev.cloudjar.it.malformed;

import dev.cloudjar.core.model.Protocol;
import dev.cloudjar.it.fixtures.Signer;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;

import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;

/**
 * A request on its way from a {@link Seed} to the wire: mutations change it before it is signed
 * (so the signature still holds and the damage reaches the service's validation), then
 * {@link #sign} renders it, and wire edits damage what signing cannot express (framing, raw bytes).
 */
final class Draft {
    /** A name and a value, for query parameters and headers, in order, duplicates allowed. */
    record Pair(String name, String value) {
    }

    /** How the request is signed; all but VALID are deliberately wrong. */
    enum Signing { VALID, NONE, WRONG_SECRET, UNKNOWN_KEY, SKEWED, SESSION_TOKEN_GARBAGE }

    final Seed seed;
    String method;
    String encodedPath;
    final List<Pair> query;
    final List<Pair> headers;
    byte[] body;
    Signing signing = Signing.VALID;
    /** S3 bodies carry the Content-MD5 S3 requires of some operations, computed on the mutated body, unless a mutation says not. */
    boolean contentMd5 = true;
    final List<Consumer<Wire>> wireEdits = new ArrayList<>();
    final List<String> notes = new ArrayList<>();

    Draft(Seed seed) {
        this.seed = seed;
        this.method = seed.method();
        this.encodedPath = seed.encodedPath();
        this.query = new ArrayList<>(seed.query());
        this.headers = new ArrayList<>(seed.headers());
        this.body = seed.body();
    }

    Protocol protocol() {
        return seed.protocol();
    }

    String header(String name) {
        return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Pair::value).findFirst().orElse(null);
    }

    void setHeader(String name, String value) {
        removeHeader(name);
        headers.add(new Pair(name, value));
    }

    void removeHeader(String name) {
        headers.removeIf(h -> h.name().equalsIgnoreCase(name));
    }

    void note(String what) {
        notes.add(what);
    }

    /** Signs as the seed's service would be signed (or wrongly, as {@link #signing} says) and renders the bytes. */
    Wire sign(URI endpoint) {
        // A method HTTP does not know is signed as the seed's, then written as it is: the signature cannot hold.
        SdkHttpMethod signedAs = Arrays.stream(SdkHttpMethod.values()).filter(m -> m.name().equals(method)).findFirst()
                .orElse(SdkHttpMethod.fromValue(seed.method()));
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().uri(endpoint).method(signedAs).encodedPath(encodedPath);
        for (Pair p : query) {
            request.appendRawQueryParameter(p.name(), p.value());
        }
        request.putHeader("Host", endpoint.getHost() + ":" + endpoint.getPort());
        for (Pair h : headers) {
            request.appendHeader(h.name(), h.value());
        }
        boolean s3 = seed.signingName().equals("s3");
        if (s3) {
            request.putHeader("Content-Length", String.valueOf(body.length));
            if (contentMd5 && body.length > 0 && header("Content-MD5") == null) {
                request.putHeader("Content-MD5", md5(body));
            }
        }
        SdkHttpRequest signed;
        if (signing == Signing.NONE) {
            signed = request.build();
        } else {
            if (signing == Signing.SESSION_TOKEN_GARBAGE) {
                request.putHeader("X-Amz-Security-Token", "FwoGZXIvYXdzEGarbage");
            }
            String key = signing == Signing.UNKNOWN_KEY ? "AKIAUNKNOWNKEY000000" : "test";
            String secret = signing == Signing.WRONG_SECRET ? "wrong" : "test";
            Clock clock = signing == Signing.SKEWED
                    ? Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC) : Clock.systemUTC();
            signed = Signer.sign(request.build(), body, key, secret, seed.signingName(), clock, r -> {
                if (s3) {
                    // As the S3 client signs: the payload's hash in x-amz-content-sha256, the path not encoded twice.
                    r.putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, true);
                    r.putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, false);
                    r.putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, false);
                }
            }).request();
        }
        Wire wire = Wire.of(method, signed, body);
        wireEdits.forEach(edit -> edit.accept(wire));
        return wire;
    }

    private static String md5(byte[] body) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
