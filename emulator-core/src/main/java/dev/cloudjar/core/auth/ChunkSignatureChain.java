package dev.cloudjar.core.auth;

import dev.cloudjar.core.model.Protocol;

/**
 * The signatures of an aws-chunked body: each chunk, and then the trailer, signs its own hash
 * together with the signature before it, starting from the request's (seed) signature, so no
 * chunk can be altered, dropped or reordered.
 */
final class ChunkSignatureChain {
    private final String algorithm;
    private final String amzDate;
    private final String credentialScope;
    private final SignatureCheck check;
    private final Protocol protocol;
    private final String accessKeyId;
    private String previous;

    ChunkSignatureChain(SignedParts parts, SignatureCheck check, Protocol protocol) {
        this.algorithm = parts.algorithm().wireName();
        this.amzDate = parts.amzDate();
        this.credentialScope = parts.credentialScope();
        this.check = check;
        this.protocol = protocol;
        this.accessKeyId = parts.scope().accessKeyId();
        this.previous = parts.signature();
    }

    void verifyChunk(String chunkSha256Hex, String signature) {
        verify(algorithm + "-PAYLOAD\n" + amzDate + "\n" + credentialScope + "\n" + previous + "\n"
                + Digests.EMPTY_SHA256 + "\n" + chunkSha256Hex, signature);
    }

    void verifyTrailer(String canonicalTrailerSha256Hex, String signature) {
        verify(algorithm + "-TRAILER\n" + amzDate + "\n" + credentialScope + "\n" + previous + "\n"
                + canonicalTrailerSha256Hex, signature);
    }

    private void verify(String stringToSign, String signature) {
        if (signature == null || !check.matches(stringToSign, signature)) {
            throw AuthErrors.chunkSignatureDoesNotMatch(protocol, accessKeyId, stringToSign, signature);
        }
        previous = SignatureCheck.stripPadding(signature);
    }
}
