package dev.cloudjar.core.auth;

import dev.cloudjar.core.auth.CredentialStore.SigningCredential;
import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.http.Request;
import dev.cloudjar.core.http.RequestBody;
import dev.cloudjar.core.model.Protocol;
import dev.cloudjar.core.spi.Principal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Verifies AWS Signature Version 4 (and SigV4a, and S3's legacy SigV2 through {@link SigV2Verifier}) as AWS does: Authorization header or presigned
 * URL, clock skew and expiry, session tokens, the declared payload hash, and aws-chunked bodies
 * with their chunk and trailer signatures. Errors come from {@link AuthErrors} in the caller's
 * protocol. A body that can only be checked as it is read is replaced on the request by one that
 * checks itself and throws from {@code read} before end of stream.
 */
public final class SigV4Verifier {
    private static final String CONTENT_SHA256 = "x-amz-content-sha256";
    private static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

    private final CredentialStore credentials;
    private final Clock clock;
    private final boolean verifySignatures;
    private final SigningKeys keys = new SigningKeys();
    private final SigV2Verifier sigV2;

    public SigV4Verifier(CredentialStore credentials, Clock clock) {
        this(credentials, clock, true);
    }

    /**
     * @param verifySignatures false to attribute each request to the key it names without checking
     *     anything, as local emulators usually do; aws-chunked bodies are still decoded
     */
    public SigV4Verifier(CredentialStore credentials, Clock clock, boolean verifySignatures) {
        this.credentials = credentials;
        this.clock = clock;
        this.verifySignatures = verifySignatures;
        this.sigV2 = new SigV2Verifier(credentials, clock, verifySignatures);
    }

    /**
     * The credential scope a request names (access key, date, region, service), parsed without
     * verifying anything, so a gateway can pick the service before verifying. Empty for anonymous
     * or unparsable requests.
     */
    public static Optional<CredentialScope> peekScope(Request request) {
        return AuthorizationParser.peek(request);
    }

    /**
     * Establishes who sent the request. An unsigned request comes back anonymous, in the default
     * account; whether its operation allows that is for the caller to decide.
     *
     * @throws AwsException in the protocol's error shape when the request fails verification
     */
    public AuthResult verify(Request request, Protocol protocol) {
        if (SigV2Verifier.claims(request, protocol)) {
            return sigV2.verify(request, protocol);
        }
        Optional<SignedParts> signed = AuthorizationParser.parse(request, protocol);
        if (signed.isEmpty()) {
            decodeChunkedBody(request, protocol, null);
            return AuthResult.anonymous(credentials.defaultAccount());
        }
        SignedParts parts = signed.get();
        if (!verifySignatures) {
            decodeChunkedBody(request, protocol, null);
            return result(credentials.unverified(parts.scope().accessKeyId()), parts);
        }
        checkRequestTime(parts, protocol);
        SigningCredential credential = credentials.find(parts.scope().accessKeyId())
                .orElseThrow(() -> AuthErrors.unknownAccessKey(protocol, parts.scope().accessKeyId()));
        checkSessionToken(credential, parts, protocol);
        boolean s3 = isS3(parts);
        PayloadHash payloadHash = payloadHash(request, parts, protocol, s3);
        SignatureCheck check = signatureCheck(parts, credential);
        checkSignature(request, parts, payloadHash.value(), s3, check, protocol);
        if (s3 && !parts.presigned()) {
            checkAmzHeadersSigned(request, parts);
        }
        verifyBody(request, parts, payloadHash, check, protocol);
        return result(credential.principal(), parts);
    }

    private static AuthResult result(Principal principal, SignedParts parts) {
        CredentialScope scope = parts.scope();
        return new AuthResult(principal, scope.region(), scope.service(), false, scope.accessKeyId());
    }

    /** S3 signs its raw path and requires a declared payload hash; its variants (s3-object-lambda, ...) do too. */
    private static boolean isS3(SignedParts parts) {
        String service = parts.scope().service();
        return service.equals("s3") || service.startsWith("s3-");
    }

    private void checkRequestTime(SignedParts parts, Protocol protocol) {
        Instant now = clock.instant();
        Instant requestTime = parts.requestTime();
        if (parts.hasExpiry()) {
            Instant expiry = requestTime.plusSeconds(parts.expiresSeconds());
            if (now.isAfter(expiry)) {
                throw AuthErrors.presignedUrlExpired(protocol, parts.expiresSeconds(), expiry, now);
            }
            // A presigned URL dated ahead of the server's clock gets the same allowance as a signed header.
            if (requestTime.isAfter(now.plus(AuthErrors.MAX_SKEW))) {
                throw AuthErrors.requestTimeTooSkewed(protocol, parts.amzDate(), requestTime, now);
            }
            return;
        }
        if (Duration.between(requestTime, now).abs().compareTo(AuthErrors.MAX_SKEW) > 0) {
            throw AuthErrors.requestTimeTooSkewed(protocol, parts.amzDate(), requestTime, now);
        }
    }

    /** Temporary keys sign with their session token; a long-term key must not present one. */
    private void checkSessionToken(SigningCredential credential, SignedParts parts, Protocol protocol) {
        String token = parts.securityToken();
        if (!credential.isTemporary()) {
            if (token != null) {
                throw AuthErrors.invalidToken(protocol);
            }
            return;
        }
        if (!credential.principal().sessionToken().equals(token)) {
            throw AuthErrors.invalidToken(protocol);
        }
        if (credential.isExpired(clock.instant())) {
            throw AuthErrors.expiredToken(protocol, token);
        }
    }

    /** The hash the canonical request ends with, and whether the client declared it rather than us computing it. */
    private record PayloadHash(String value, boolean declared) {
    }

    private static PayloadHash payloadHash(Request request, SignedParts parts, Protocol protocol, boolean s3) {
        String declared = request.header(CONTENT_SHA256);
        if (declared == null && parts.presigned()) {
            declared = request.queryParameter("X-Amz-Content-Sha256");
        }
        if (declared != null) {
            if (s3 && !isValidContentSha256(declared)) {
                throw AuthErrors.invalidContentSha256(declared);
            }
            return new PayloadHash(declared, true);
        }
        if (s3) {
            // S3 presigned URLs leave the body unsigned; S3 header auth must declare its payload hash.
            if (parts.presigned()) {
                return new PayloadHash(UNSIGNED_PAYLOAD, false);
            }
            throw AuthErrors.missingContentSha256();
        }
        return new PayloadHash(Digests.sha256Hex(bufferedBody(request)), false);
    }

    private static boolean isValidContentSha256(String value) {
        return value.equals(UNSIGNED_PAYLOAD) || StreamingPayload.of(value) != null || Digests.isSha256Hex(value);
    }

    /**
     * The whole body, buffering it on the request if it was streamed: without a declared hash,
     * the body must be hashed before its signature can be checked. Only non-S3 protocol bodies
     * come here, and those are bounded.
     */
    private static byte[] bufferedBody(Request request) {
        RequestBody body = body(request);
        if (body.isBuffered()) {
            return body.bytes();
        }
        byte[] bytes = body.bytes();
        request.body(RequestBody.of(bytes));
        return bytes;
    }

    private static RequestBody body(Request request) {
        return request.body() == null ? RequestBody.EMPTY : request.body();
    }

    private SignatureCheck signatureCheck(SignedParts parts, SigningCredential credential) {
        return parts.algorithm() == SigningAlgorithm.AWS4_HMAC_SHA256
                ? SignatureCheck.hmac(keys.sigV4(credential.secretAccessKey(), parts.scope()))
                : SignatureCheck.ecdsa(keys.sigV4a(credential.accessKeyId(), credential.secretAccessKey()));
    }

    private static void checkSignature(Request request, SignedParts parts, String payloadHash, boolean s3,
                                       SignatureCheck check, Protocol protocol) {
        String canonicalRequest = CanonicalRequest.of(request, parts, payloadHash, s3);
        String stringToSign = parts.algorithm().wireName() + "\n" + parts.amzDate() + "\n"
                + parts.credentialScope() + "\n" + Digests.sha256Hex(canonicalRequest);
        if (!check.matches(stringToSign, parts.signature())) {
            throw AuthErrors.signatureDoesNotMatch(protocol, parts.scope().accessKeyId(), stringToSign,
                    parts.signature(), canonicalRequest);
        }
    }

    /** S3 refuses x-amz-* headers that were sent but not signed: they change what the request does. */
    private static void checkAmzHeadersSigned(Request request, SignedParts parts) {
        List<String> unsigned = new ArrayList<>(0);
        for (String name : request.headers().asLowerCaseMap().keySet()) {
            if (name.startsWith("x-amz-") && !parts.signedHeaders().contains(name)) {
                unsigned.add(name);
            }
        }
        if (!unsigned.isEmpty()) {
            throw AuthErrors.headersNotSigned(unsigned);
        }
    }

    private void verifyBody(Request request, SignedParts parts, PayloadHash payloadHash, SignatureCheck check,
                            Protocol protocol) {
        StreamingPayload streaming = StreamingPayload.of(payloadHash.value());
        if (streaming != null) {
            decodeChunkedBody(request, protocol,
                    streaming.signedChunks() ? new ChunkSignatureChain(parts, check, protocol) : null);
        } else if (payloadHash.declared() && Digests.isSha256Hex(payloadHash.value())) {
            checkDeclaredHash(request, payloadHash.value(), protocol);
        }
    }

    private static void checkDeclaredHash(Request request, String declared, Protocol protocol) {
        RequestBody body = body(request);
        if (body.isBuffered()) {
            String computed = Digests.sha256Hex(body.bytes());
            if (!computed.equalsIgnoreCase(declared)) {
                throw AuthErrors.contentSha256Mismatch(protocol, declared, computed);
            }
            return;
        }
        request.body(VerifiedBody.streamed(new Sha256CheckingInputStream(body.stream(), declared, protocol),
                body.contentLength(), body::trailers));
    }

    /**
     * Replaces an aws-chunked body by its decoded content; a no-op for any other body.
     *
     * @param chain the chunk signatures to check, or null to decode without checking them
     */
    private void decodeChunkedBody(Request request, Protocol protocol, ChunkSignatureChain chain) {
        StreamingPayload streaming = StreamingPayload.of(request.header(CONTENT_SHA256));
        if (streaming == null) {
            return;
        }
        long decodedLength = decodedContentLength(request);
        RequestBody body = body(request);
        long checkedLength = verifySignatures ? decodedLength : -1;
        AwsChunkedInputStream decoder = body.isBuffered()
                ? new AwsChunkedInputStream(body.bytes(), checkedLength, chain, streaming.signedTrailer())
                : new AwsChunkedInputStream(body.stream(), checkedLength, chain, streaming.signedTrailer());
        if (!body.isBuffered()) {
            request.body(VerifiedBody.streamed(decoder, decodedLength, decoder::trailers));
            return;
        }
        // A body already in memory is decoded now, so its errors surface before any handler runs.
        try {
            request.body(VerifiedBody.buffered(decodeAll(decoder, checkedLength, body.contentLength()),
                    decoder.trailers()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The decoded bytes of a body in memory, read into one array of the decoded length the decoder
     * checks, when that length fits in the encoded body (readAllBytes would copy through its own
     * buffers); the read past it reaches the final chunk, so its checks run as they would at any end.
     */
    private static byte[] decodeAll(AwsChunkedInputStream decoder, long decodedLength, long encodedLength)
            throws IOException {
        if (decodedLength < 0 || encodedLength < 0 || decodedLength > encodedLength) {
            return decoder.readAllBytes();
        }
        byte[] decoded = new byte[(int) decodedLength];
        int n = decoder.readNBytes(decoded, 0, decoded.length);
        if (n < decoded.length || decoder.read() >= 0) {
            throw AuthErrors.incompleteBody();
        }
        return decoded;
    }

    /** x-amz-decoded-content-length, which S3 requires of aws-chunked bodies; -1 when absent and not verifying. */
    private long decodedContentLength(Request request) {
        String value = request.header("x-amz-decoded-content-length");
        if (value == null) {
            if (verifySignatures) {
                throw AuthErrors.missingDecodedContentLength();
            }
            return -1;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            if (verifySignatures) {
                throw AuthErrors.malformedChunkEncoding("bad x-amz-decoded-content-length '" + value + "'");
            }
            return -1;
        }
    }
}
