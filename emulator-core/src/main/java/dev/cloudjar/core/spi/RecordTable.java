package dev.cloudjar.core.spi;

import dev.cloudjar.core.spi.storage.Entry;
import dev.cloudjar.core.spi.storage.Keyspace;
import dev.cloudjar.core.spi.storage.StateStore;
import dev.cloudjar.core.spi.storage.WriteBatch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One kind of a service's records (Lambda's functions, SQS's queues, DynamoDB's table
 * definitions...) kept as JSON ({@link RecordJson}) in the keyspace
 * {@code <service>/<account>/<region>/<resource>} of the state store, per scope. Keys are strings;
 * {@code parent + '\0' + child} keys ({@link #key}) group a parent's records so that a prefix
 * scan lists them in order.
 */
public final class RecordTable<T> {
    private static final int PAGE = 1000;

    private final StateStore state;
    private final String service;
    private final String resource;
    private final Class<T> type;

    public RecordTable(StateStore state, String service, String resource, Class<T> type) {
        this.state = state;
        this.service = service;
        this.resource = resource;
        this.type = type;
    }

    /** A child key under a parent (a function's version, alias, qualifier...). */
    public static String key(String parent, String child) {
        return parent + '\0' + child;
    }

    public String keyspace(Scope scope) {
        return scope.keyspace(service, resource);
    }

    /** The scopes that hold at least one record of this table. */
    public List<Scope> scopes() {
        List<Scope> scopes = new ArrayList<>();
        for (String keyspace : state.keyspaces(service + "/")) {
            String[] parts = keyspace.split("/", -1);
            if (parts.length == 4 && parts[3].equals(resource)) {
                scopes.add(new Scope(parts[1], parts[2]));
            }
        }
        return scopes;
    }

    private Keyspace space(Scope scope) {
        return state.keyspace(keyspace(scope));
    }

    public Optional<T> get(Scope scope, String key) {
        return space(scope).get(bytes(key)).map(this::read);
    }

    public void put(Scope scope, String key, T value) {
        space(scope).put(bytes(key), RecordJson.write(value));
    }

    public boolean delete(Scope scope, String key) {
        return space(scope).delete(bytes(key));
    }

    /** Adds a put of this table's record to a batch spanning several tables. */
    public void put(WriteBatch batch, Scope scope, String key, T value) {
        batch.put(keyspace(scope), bytes(key), RecordJson.write(value));
    }

    /** Adds a delete of one record to a batch spanning several tables. */
    public void delete(WriteBatch batch, Scope scope, String key) {
        batch.delete(keyspace(scope), bytes(key));
    }

    /** Adds deletes of every record whose key starts with the prefix to a batch. */
    public void deleteAll(WriteBatch batch, Scope scope, String prefix) {
        for (Entry e : entries(scope, prefix)) {
            batch.delete(keyspace(scope), e.key());
        }
    }

    /** Every record whose key starts with the prefix, in key order. */
    public List<T> list(Scope scope, String prefix) {
        return entries(scope, prefix).stream().map(e -> read(e.value())).toList();
    }

    /** The keys that start with the prefix, in order. */
    public List<String> keys(Scope scope, String prefix) {
        return entries(scope, prefix).stream().map(e -> new String(e.key(), StandardCharsets.UTF_8)).toList();
    }

    private List<Entry> entries(Scope scope, String prefix) {
        byte[] from = bytes(prefix);
        List<Entry> all = new ArrayList<>();
        space(scope).forEach(from, prefixEnd(from), PAGE, all::add);
        return all;
    }

    /** The first key past every key that starts with the prefix; null (no bound) for an empty one. */
    private static byte[] prefixEnd(byte[] prefix) {
        for (int i = prefix.length - 1; i >= 0; i--) {
            if (prefix[i] != (byte) 0xFF) {
                byte[] end = java.util.Arrays.copyOf(prefix, i + 1);
                end[i]++;
                return end;
            }
        }
        return null;
    }

    private static byte[] bytes(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }

    private T read(byte[] json) {
        try {
            return RecordJson.mapper().readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt " + resource + " record", e);
        }
    }
}
