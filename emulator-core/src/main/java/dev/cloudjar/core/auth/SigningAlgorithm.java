package dev.cloudjar.core.auth;

/** The two request-signing algorithms of Signature Version 4. */
enum SigningAlgorithm {
    /** SigV4: HMAC-SHA256 with a key derived per date, region and service. */
    AWS4_HMAC_SHA256("AWS4-HMAC-SHA256"),
    /** SigV4a: ECDSA P-256 with a key derived from the secret, valid for a set of regions. */
    AWS4_ECDSA_P256_SHA256("AWS4-ECDSA-P256-SHA256");

    private final String wireName;

    SigningAlgorithm(String wireName) {
        this.wireName = wireName;
    }

    String wireName() {
        return wireName;
    }

    static SigningAlgorithm fromWireName(String name) {
        for (SigningAlgorithm algorithm : values()) {
            if (algorithm.wireName.equals(name)) {
                return algorithm;
            }
        }
        return null;
    }

    /** Slash-separated elements of the Credential value: SigV4a scopes carry no region. */
    int credentialElements() {
        return this == AWS4_HMAC_SHA256 ? 5 : 4;
    }
}
