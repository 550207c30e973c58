package dev.cloudjar.core.auth;

/** The x-amz-content-sha256 values that announce an aws-chunked body, and what each one signs. */
enum StreamingPayload {
    UNSIGNED_TRAILER("STREAMING-UNSIGNED-PAYLOAD-TRAILER", false, false),
    SIGNED("STREAMING-AWS4-HMAC-SHA256-PAYLOAD", true, false),
    SIGNED_TRAILER("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER", true, true),
    ECDSA_SIGNED("STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD", true, false),
    ECDSA_SIGNED_TRAILER("STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER", true, true);

    private final String contentSha256;
    private final boolean signedChunks;
    private final boolean signedTrailer;

    StreamingPayload(String contentSha256, boolean signedChunks, boolean signedTrailer) {
        this.contentSha256 = contentSha256;
        this.signedChunks = signedChunks;
        this.signedTrailer = signedTrailer;
    }

    /** The kind of aws-chunked body an x-amz-content-sha256 value announces, or null if it announces none. */
    static StreamingPayload of(String contentSha256) {
        if (contentSha256 == null || !contentSha256.startsWith("STREAMING-")) {
            return null;
        }
        for (StreamingPayload payload : values()) {
            if (payload.contentSha256.equals(contentSha256)) {
                return payload;
            }
        }
        return null;
    }

    boolean signedChunks() {
        return signedChunks;
    }

    boolean signedTrailer() {
        return signedTrailer;
    }
}
