package dev.cloudjar.core.auth;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Derived signing keys, cached: a SigV4 key changes only with the date, region and service, and a
 * SigV4a key never, while deriving them costs four HMACs or a point multiplication per request.
 * The caches are bounded by starting over when full, which is cheap and keeps memory flat under
 * any number of keys.
 */
final class SigningKeys {
    private static final int MAX_ENTRIES = 4096;

    private record V4Scope(String secret, String date, String region, String service) {
    }

    private record V4aIdentity(String accessKeyId, String secret) {
    }

    private final Map<V4Scope, byte[]> sigV4 = new ConcurrentHashMap<>();
    private final Map<V4aIdentity, PublicKey> sigV4a = new ConcurrentHashMap<>();

    byte[] sigV4(String secret, CredentialScope scope) {
        return bounded(sigV4).computeIfAbsent(new V4Scope(secret, scope.date(), scope.region(), scope.service()),
                SigningKeys::derive);
    }

    PublicKey sigV4a(String accessKeyId, String secret) {
        return bounded(sigV4a).computeIfAbsent(new V4aIdentity(accessKeyId, secret),
                k -> SigV4aKeys.publicKey(k.accessKeyId(), k.secret()));
    }

    private static <K, V> Map<K, V> bounded(Map<K, V> cache) {
        if (cache.size() >= MAX_ENTRIES) {
            cache.clear();
        }
        return cache;
    }

    private static byte[] derive(V4Scope scope) {
        byte[] key = Digests.hmacSha256(("AWS4" + scope.secret()).getBytes(StandardCharsets.UTF_8),
                scope.date());
        key = Digests.hmacSha256(key, scope.region());
        key = Digests.hmacSha256(key, scope.service());
        return Digests.hmacSha256(key, "aws4_request");
    }
}
