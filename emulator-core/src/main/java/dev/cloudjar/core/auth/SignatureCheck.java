package dev.cloudjar.core.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;

/** Whether a signature was made over a string to sign with the caller's key. */
@FunctionalInterface
interface SignatureCheck {
    boolean matches(String stringToSign, String signature);

    /** SigV4: the signature is the hex HMAC-SHA256 of the string to sign under the derived key. */
    static SignatureCheck hmac(byte[] signingKey) {
        return (stringToSign, signature) ->
                Digests.sameHex(Digests.hex(Digests.hmacSha256(signingKey, stringToSign)), signature);
    }

    /**
     * SigV4a: the signature is a hex DER ECDSA P-256 signature over SHA-256 of the string to sign.
     * aws-chunked pads chunk signatures to a fixed width with '*', which is not part of the DER.
     */
    static SignatureCheck ecdsa(PublicKey publicKey) {
        return (stringToSign, signature) -> {
            try {
                Signature verifier = Signature.getInstance("SHA256withECDSA");
                verifier.initVerify(publicKey);
                verifier.update(stringToSign.getBytes(StandardCharsets.UTF_8));
                return verifier.verify(Digests.unhex(stripPadding(signature)));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                return false;
            }
        };
    }

    static String stripPadding(String signature) {
        int end = signature.length();
        while (end > 0 && signature.charAt(end - 1) == '*') {
            end--;
        }
        return signature.substring(0, end);
    }
}
