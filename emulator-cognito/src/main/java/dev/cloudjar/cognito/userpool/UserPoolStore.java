package dev.cloudjar.cognito.userpool;

import dev.cloudjar.cognito.client.UserPoolClient;
import dev.cloudjar.core.spi.RecordJson;
import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.core.spi.storage.Entry;
import dev.cloudjar.core.spi.storage.Keyspace;
import dev.cloudjar.core.spi.storage.StateStore;
import dev.cloudjar.core.spi.storage.WriteBatch;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * User pools and everything in them, in the state store under the caller's scope. A global index
 * finds a pool's scope from its id and a client's pool from its id, because unsigned requests
 * (SignUp, InitiateAuth) and the JWKS endpoint name only a client or a pool.
 */
public final class UserPoolStore {
    public static final String SERVICE = "cognito-idp";
    private static final String INDEX = SERVICE + "/index";

    /** A page of records and the key to continue after, or null when there is no more. */
    public record Page<T>(List<T> items, String next) {
    }

    private final StateStore state;

    public UserPoolStore(StateStore state) {
        this.state = state;
    }

    // ---- pools

    public void createPool(Scope scope, UserPool pool) {
        state.apply(new WriteBatch()
                .put(scope.keyspace(SERVICE, "pools"), Keys.of(pool.id()), RecordJson.write(pool))
                .put(INDEX, Keys.of("pool", pool.id()), Keys.of(scope.accountId(), scope.region())));
    }

    public void savePool(Scope scope, UserPool pool) {
        pools(scope).put(Keys.of(pool.id()), RecordJson.write(pool));
    }

    public Optional<UserPool> pool(Scope scope, String poolId) {
        return pools(scope).get(Keys.of(poolId)).map(b -> RecordJson.read(b, UserPool.class));
    }

    /** The scope a pool lives in, whoever asks. */
    public Optional<Scope> locatePool(String poolId) {
        return state.keyspace(INDEX).get(Keys.of("pool", poolId)).map(b -> {
            String[] parts = new String(b, StandardCharsets.UTF_8).split("\0");
            return new Scope(parts[0], parts[1]);
        });
    }

    public Page<UserPool> listPools(Scope scope, String after, int limit) {
        return page(pools(scope), after == null ? null : next(Keys.of(after)), null, limit, UserPool.class, p -> true);
    }

    /** Deletes the pool and every record in it. */
    public void deletePool(Scope scope, String poolId) {
        WriteBatch batch = new WriteBatch()
                .delete(scope.keyspace(SERVICE, "pools"), Keys.of(poolId))
                .delete(INDEX, Keys.of("pool", poolId));
        for (String resource : List.of("clients", "users", "aliases", "groups", "sessions")) {
            Keyspace ks = state.keyspace(scope.keyspace(SERVICE, resource));
            for (Entry e : ks.scan(Keys.rangeStart(poolId), Keys.rangeEnd(poolId), Integer.MAX_VALUE, false)) {
                batch.delete(ks.name(), e.key());
            }
        }
        for (UserPoolClient client : listClients(scope, poolId, null, Integer.MAX_VALUE).items()) {
            batch.delete(INDEX, Keys.of("client", client.clientId()));
        }
        state.apply(batch);
    }

    // ---- clients

    public void saveClient(Scope scope, UserPoolClient client) {
        state.apply(new WriteBatch()
                .put(scope.keyspace(SERVICE, "clients"), Keys.of(client.userPoolId(), client.clientId()), RecordJson.write(client))
                .put(INDEX, Keys.of("client", client.clientId()), Keys.of(client.userPoolId())));
    }

    public Optional<UserPoolClient> client(Scope scope, String poolId, String clientId) {
        return clients(scope).get(Keys.of(poolId, clientId)).map(b -> RecordJson.read(b, UserPoolClient.class));
    }

    /** The pool of a client, whoever asks. */
    public Optional<String> locateClient(String clientId) {
        return state.keyspace(INDEX).get(Keys.of("client", clientId)).map(b -> new String(b, StandardCharsets.UTF_8));
    }

    public Page<UserPoolClient> listClients(Scope scope, String poolId, String after, int limit) {
        byte[] from = after == null ? Keys.rangeStart(poolId) : next(Keys.of(poolId, after));
        return page(clients(scope), from, Keys.rangeEnd(poolId), limit, UserPoolClient.class, c -> true);
    }

    public void deleteClient(Scope scope, String poolId, String clientId) {
        state.apply(new WriteBatch()
                .delete(scope.keyspace(SERVICE, "clients"), Keys.of(poolId, clientId))
                .delete(INDEX, Keys.of("client", clientId)));
    }

    // ---- users

    /** The user key: case-insensitive pools keep usernames folded to lower case. */
    private static String userKey(UserPool pool, String username) {
        return pool.caseSensitive() ? username : username.toLowerCase(Locale.ROOT);
    }

    public Optional<User> user(Scope scope, UserPool pool, String username) {
        return users(scope).get(Keys.of(pool.id(), userKey(pool, username))).map(b -> RecordJson.read(b, User.class));
    }

    /** A user by username or by one of the pool's sign-in attributes (email, phone_number, preferred_username). */
    public Optional<User> userBySignInName(Scope scope, UserPool pool, String name) {
        Optional<User> user = user(scope, pool, name);
        if (user.isPresent()) {
            return user;
        }
        for (String attribute : pool.signInAttributes()) {
            Optional<byte[]> username = aliases(scope).get(Keys.of(pool.id(), attribute, aliasValue(attribute, name)));
            if (username.isPresent()) {
                return user(scope, pool, new String(username.get(), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    /** The user holding a sign-in attribute value, if any. */
    public Optional<String> aliasOwner(Scope scope, UserPool pool, String attribute, String value) {
        return aliases(scope).get(Keys.of(pool.id(), attribute, aliasValue(attribute, value)))
                .map(b -> new String(b, StandardCharsets.UTF_8));
    }

    /** Writes the user and keeps the sign-in attribute index in step with its attributes. */
    public void saveUser(Scope scope, UserPool pool, User previous, User user) {
        String aliasSpace = scope.keyspace(SERVICE, "aliases");
        WriteBatch batch = new WriteBatch();
        for (String attribute : pool.signInAttributes()) {
            String before = previous == null ? null : pool.signInValue(previous, attribute);
            String after = pool.signInValue(user, attribute);
            if (before != null && !before.equals(after)) {
                batch.delete(aliasSpace, Keys.of(pool.id(), attribute, aliasValue(attribute, before)));
            }
            if (after != null) {
                batch.put(aliasSpace, Keys.of(pool.id(), attribute, aliasValue(attribute, after)),
                        user.username().getBytes(StandardCharsets.UTF_8));
            }
        }
        batch.put(scope.keyspace(SERVICE, "users"), Keys.of(pool.id(), userKey(pool, user.username())), RecordJson.write(user));
        state.apply(batch);
    }

    public void deleteUser(Scope scope, UserPool pool, User user) {
        WriteBatch batch = new WriteBatch();
        for (String attribute : pool.signInAttributes()) {
            String value = pool.signInValue(user, attribute);
            if (value != null) {
                batch.delete(scope.keyspace(SERVICE, "aliases"), Keys.of(pool.id(), attribute, aliasValue(attribute, value)));
            }
        }
        batch.delete(scope.keyspace(SERVICE, "users"), Keys.of(pool.id(), userKey(pool, user.username())));
        sessionDeletes(scope, pool.id(), user.username(), batch);
        state.apply(batch);
    }

    public Page<User> listUsers(Scope scope, String poolId, String after, int limit, Predicate<User> filter) {
        byte[] from = after == null ? Keys.rangeStart(poolId) : next(Keys.of(poolId, after));
        return page(users(scope), from, Keys.rangeEnd(poolId), limit, User.class, filter);
    }

    public long countUsers(Scope scope, String poolId) {
        return users(scope).scan(Keys.rangeStart(poolId), Keys.rangeEnd(poolId), Integer.MAX_VALUE, false).size();
    }

    private static String aliasValue(String attribute, String value) {
        // E-mail addresses and preferred usernames sign in case-insensitively, as in Cognito.
        return attribute.equals("phone_number") ? value : value.toLowerCase(Locale.ROOT);
    }

    // ---- groups

    public void saveGroup(Scope scope, String poolId, Group group) {
        groups(scope).put(Keys.of(poolId, group.groupName()), RecordJson.write(group));
    }

    public Optional<Group> group(Scope scope, String poolId, String groupName) {
        return groups(scope).get(Keys.of(poolId, groupName)).map(b -> RecordJson.read(b, Group.class));
    }

    public Page<Group> listGroups(Scope scope, String poolId, String after, int limit) {
        byte[] from = after == null ? Keys.rangeStart(poolId) : next(Keys.of(poolId, after));
        return page(groups(scope), from, Keys.rangeEnd(poolId), limit, Group.class, g -> true);
    }

    public void deleteGroup(Scope scope, String poolId, String groupName) {
        groups(scope).delete(Keys.of(poolId, groupName));
    }

    // ---- sign-in sessions and refresh tokens

    public void saveSession(Scope scope, String poolId, AuthSession session, String refreshToken) {
        state.apply(new WriteBatch()
                .put(scope.keyspace(SERVICE, "sessions"), Keys.of(poolId, session.username(), session.originJti()),
                        RecordJson.write(session))
                .put(scope.keyspace(SERVICE, "refresh-tokens"), tokenKey(refreshToken),
                        Keys.of(poolId, session.username(), session.originJti())));
    }

    public Optional<AuthSession> session(Scope scope, String poolId, String username, String originJti) {
        return sessions(scope).get(Keys.of(poolId, username, originJti)).map(b -> RecordJson.read(b, AuthSession.class));
    }

    /** The session a refresh token belongs to, if it was issued in this scope and is not revoked. */
    public Optional<AuthSession> sessionOfRefreshToken(Scope scope, String refreshToken) {
        return state.keyspace(scope.keyspace(SERVICE, "refresh-tokens")).get(tokenKey(refreshToken))
                .flatMap(key -> sessions(scope).get(key))
                .map(b -> RecordJson.read(b, AuthSession.class));
    }

    /**
     * Whether this scope issued the refresh token, revoked or not: a refresh token outlives its
     * session so that using it after a sign-out answers "Refresh Token has been revoked".
     */
    public boolean refreshTokenIssued(Scope scope, String refreshToken) {
        return state.keyspace(scope.keyspace(SERVICE, "refresh-tokens")).get(tokenKey(refreshToken)).isPresent();
    }

    /**
     * Rotates a session's refresh token: the session's refresh validity starts again, the new token
     * names it, and the old one is usable until {@code oldValidUntil} (the client's retry grace).
     */
    public void rotateRefreshToken(Scope scope, String poolId, AuthSession session, String oldToken, String newToken,
                                   long oldValidUntil) {
        byte[] sessionKey = Keys.of(poolId, session.username(), session.originJti());
        state.apply(new WriteBatch()
                .put(sessions(scope).name(), sessionKey, RecordJson.write(session))
                .put(scope.keyspace(SERVICE, "refresh-tokens"), tokenKey(newToken), sessionKey)
                .put(scope.keyspace(SERVICE, "rotated-refresh-tokens"), tokenKey(oldToken),
                        Long.toString(oldValidUntil).getBytes(StandardCharsets.UTF_8)));
    }

    /** Until when a refresh token that rotation replaced stays usable; empty for one never rotated out. */
    public Optional<Long> rotatedOutUntil(Scope scope, String refreshToken) {
        return state.keyspace(scope.keyspace(SERVICE, "rotated-refresh-tokens")).get(tokenKey(refreshToken))
                .map(b -> Long.parseLong(new String(b, StandardCharsets.UTF_8)));
    }

    /** Ends a sign-in; its refresh token stays known, as revoked. */
    public void deleteSession(Scope scope, String poolId, AuthSession session) {
        sessions(scope).delete(Keys.of(poolId, session.username(), session.originJti()));
    }

    /** Signs the user out everywhere: every session, hence every token it holds, ends. */
    public void deleteSessions(Scope scope, String poolId, String username) {
        WriteBatch batch = new WriteBatch();
        sessionDeletes(scope, poolId, username, batch);
        state.apply(batch);
    }

    private void sessionDeletes(Scope scope, String poolId, String username, WriteBatch batch) {
        Keyspace sessions = sessions(scope);
        for (Entry e : sessions.scan(Keys.rangeStart(poolId, username), Keys.rangeEnd(poolId, username),
                Integer.MAX_VALUE, false)) {
            batch.delete(sessions.name(), e.key());
        }
    }

    /** Refresh tokens are kept by their SHA-256, so the store never holds a usable token. */
    private static byte[] tokenKey(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8))).getBytes(StandardCharsets.UTF_8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- helpers

    private Keyspace pools(Scope scope) {
        return state.keyspace(scope.keyspace(SERVICE, "pools"));
    }

    private Keyspace clients(Scope scope) {
        return state.keyspace(scope.keyspace(SERVICE, "clients"));
    }

    private Keyspace users(Scope scope) {
        return state.keyspace(scope.keyspace(SERVICE, "users"));
    }

    private Keyspace aliases(Scope scope) {
        return state.keyspace(scope.keyspace(SERVICE, "aliases"));
    }

    private Keyspace groups(Scope scope) {
        return state.keyspace(scope.keyspace(SERVICE, "groups"));
    }

    private Keyspace sessions(Scope scope) {
        return state.keyspace(scope.keyspace(SERVICE, "sessions"));
    }

    private static byte[] next(byte[] key) {
        byte[] next = java.util.Arrays.copyOf(key, key.length + 1);
        next[key.length] = 0;
        return next;
    }

    /**
     * Up to {@code limit} records from {@code from} that pass the filter, and the name of the last
     * one when more may follow. Filtering happens while scanning, so a page is never short of
     * matches that exist further on.
     */
    private static <T> Page<T> page(Keyspace ks, byte[] from, byte[] to, int limit, Class<T> type,
                                    Predicate<T> filter) {
        List<T> items = new ArrayList<>();
        byte[] lastKey = null;
        byte[] cursor = from;
        int batch = Math.max(limit, 100);
        while (true) {
            List<Entry> entries = ks.scan(cursor, to, batch, false);
            for (Entry e : entries) {
                T item = RecordJson.read(e.value(), type);
                if (!filter.test(item)) {
                    continue;
                }
                if (items.size() == limit) {
                    return new Page<>(items, Keys.lastPart(lastKey));
                }
                items.add(item);
                lastKey = e.key();
            }
            if (entries.size() < batch) {
                return new Page<>(items, null);
            }
            cursor = next(entries.get(entries.size() - 1).key());
        }
    }
}
