package dev.cloudjar.cognito.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.cloudjar.cognito.userpool.SigningKey;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * RS256 key pairs: made once per pool (or per identity service), stored encoded, and kept decoded
 * here by key id so signing a token does not parse a key each time.
 */
public final class SigningKeys {
    private record Loaded(RSAKey jwk, RSASSASigner signer, RSASSAVerifier verifier) {
    }

    private final Map<String, Loaded> loaded = new ConcurrentHashMap<>();

    public static SigningKey generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Base64.Encoder b64 = Base64.getEncoder();
            return new SigningKey(UUID.randomUUID().toString(), b64.encodeToString(pair.getPrivate().getEncoded()),
                    b64.encodeToString(pair.getPublic().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signs claims with the key; the header names the key id and RS256 as Cognito's tokens do. */
    public String sign(SigningKey key, JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.keyId()).build(), claims);
        try {
            jwt.sign(load(key).signer());
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the token was signed by this key; only RS256 is accepted, whatever the header says. */
    public boolean verify(SigningKey key, SignedJWT jwt) {
        if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm()) || !key.keyId().equals(jwt.getHeader().getKeyID())) {
            return false;
        }
        try {
            return jwt.verify(load(key).verifier());
        } catch (JOSEException e) {
            return false;
        }
    }

    /** The public key as a JWK for a JWKS document. */
    public RSAKey publicJwk(SigningKey key) {
        return load(key).jwk();
    }

    public void clear() {
        loaded.clear();
    }

    private Loaded load(SigningKey key) {
        return loaded.computeIfAbsent(key.keyId(), id -> {
            try {
                KeyFactory rsa = KeyFactory.getInstance("RSA");
                Base64.Decoder b64 = Base64.getDecoder();
                RSAPrivateKey privateKey = (RSAPrivateKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(b64.decode(key.privateKey())));
                RSAPublicKey publicKey = (RSAPublicKey) rsa.generatePublic(new X509EncodedKeySpec(b64.decode(key.publicKey())));
                RSAKey jwk = new RSAKey.Builder(publicKey).keyID(id).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).build();
                return new Loaded(jwk, new RSASSASigner(privateKey), new RSASSAVerifier(publicKey));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot read signing key " + id, e);
            }
        });
    }
}
