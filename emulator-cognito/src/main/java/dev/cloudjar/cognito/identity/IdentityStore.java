package dev.cloudjar.cognito.identity;

import dev.cloudjar.cognito.token.SigningKeys;
import dev.cloudjar.cognito.userpool.SigningKey;
import dev.cloudjar.core.spi.RecordJson;
import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.core.spi.storage.Entry;
import dev.cloudjar.core.spi.storage.Keyspace;
import dev.cloudjar.core.spi.storage.StateStore;
import dev.cloudjar.core.spi.storage.WriteBatch;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Identity pools, their identities and the login index, under the caller's scope; a global index
 * finds the scope of a pool or identity for unsigned calls (GetId, GetCredentialsForIdentity), and
 * the key that signs OpenID tokens is one for the whole service.
 */
public final class IdentityStore {
    public static final String SERVICE = "cognito-identity";
    private static final String INDEX = SERVICE + "/index";
    private static final String KEYS = SERVICE + "/keys";

    private final StateStore state;
    private final Object keyLock = new Object();

    public IdentityStore(StateStore state) {
        this.state = state;
    }

    public void savePool(Scope scope, IdentityPool pool) {
        state.apply(new WriteBatch()
                .put(scope.keyspace(SERVICE, "pools"), bytes(pool.identityPoolId()), RecordJson.write(pool))
                .put(INDEX, bytes(pool.identityPoolId()), bytes(scope.accountId() + "\0" + scope.region())));
    }

    public Optional<IdentityPool> pool(Scope scope, String poolId) {
        return pools(scope).get(bytes(poolId)).map(b -> RecordJson.read(b, IdentityPool.class));
    }

    public List<IdentityPool> listPools(Scope scope, String after, int limit) {
        List<IdentityPool> out = new ArrayList<>();
        for (Entry e : pools(scope).scan(after == null ? null : bytes(after + "\0"), null, limit, false)) {
            out.add(RecordJson.read(e.value(), IdentityPool.class));
        }
        return out;
    }

    public void deletePool(Scope scope, String poolId) {
        state.apply(new WriteBatch().delete(scope.keyspace(SERVICE, "pools"), bytes(poolId)).delete(INDEX, bytes(poolId)));
    }

    /** The scope of an identity pool, or of the pool an identity belongs to. */
    public Optional<Scope> locate(String poolOrIdentityId) {
        return state.keyspace(INDEX).get(bytes(poolOrIdentityId)).map(b -> {
            String[] parts = new String(b, StandardCharsets.UTF_8).split("\0");
            return new Scope(parts[0], parts[1]);
        });
    }

    public void saveIdentity(Scope scope, Identity identity) {
        WriteBatch batch = new WriteBatch()
                .put(scope.keyspace(SERVICE, "identities"), bytes(identity.identityId()), RecordJson.write(identity))
                .put(INDEX, bytes(identity.identityId()), bytes(scope.accountId() + "\0" + scope.region()));
        identity.logins().forEach((provider, subject) -> batch.put(scope.keyspace(SERVICE, "logins"),
                bytes(identity.identityPoolId() + "\0" + provider + "\0" + subject), bytes(identity.identityId())));
        state.apply(batch);
    }

    public Optional<Identity> identity(Scope scope, String identityId) {
        return state.keyspace(scope.keyspace(SERVICE, "identities")).get(bytes(identityId))
                .map(b -> RecordJson.read(b, Identity.class));
    }

    /** The identity a login (provider and subject) is linked to in a pool. */
    public Optional<String> identityOfLogin(Scope scope, String poolId, String provider, String subject) {
        return state.keyspace(scope.keyspace(SERVICE, "logins")).get(bytes(poolId + "\0" + provider + "\0" + subject))
                .map(b -> new String(b, StandardCharsets.UTF_8));
    }

    /** The key that signs GetOpenIdToken's tokens, made on first use. */
    public SigningKey signingKey() {
        Keyspace keys = state.keyspace(KEYS);
        synchronized (keyLock) {
            Optional<byte[]> stored = keys.get(bytes("signing-key"));
            if (stored.isPresent()) {
                return RecordJson.read(stored.get(), SigningKey.class);
            }
            SigningKey key = SigningKeys.generate();
            keys.put(bytes("signing-key"), RecordJson.write(key));
            return key;
        }
    }

    private Keyspace pools(Scope scope) {
        return state.keyspace(scope.keyspace(SERVICE, "pools"));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
