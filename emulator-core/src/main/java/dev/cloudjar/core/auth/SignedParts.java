package dev.cloudjar.core.auth;

import java.time.Instant;
import java.util.List;

/**
 * What a signed request states about its signature, from the Authorization header or from the
 * presigned query parameters, before anything is verified.
 *
 * @param credentialScope the Credential value after the access key, as it appears in the string to sign
 * @param signedHeadersValue the SignedHeaders value as sent, as it appears in the canonical request
 * @param amzDate the request time in ISO 8601 basic format, as it appears in the string to sign
 * @param expiresSeconds X-Amz-Expires of a presigned URL, or -1 when the request carries none
 */
record SignedParts(SigningAlgorithm algorithm, CredentialScope scope, String credentialScope,
                   List<String> signedHeaders, String signedHeadersValue, String signature,
                   String amzDate, Instant requestTime, boolean presigned, long expiresSeconds,
                   String securityToken) {

    boolean hasExpiry() {
        return expiresSeconds >= 0;
    }
}
