package dev.cloudjar.dynamodb.table;

import dev.cloudjar.core.spi.RecordTable;
import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.core.spi.storage.Keyspace;
import dev.cloudjar.core.spi.storage.StateStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The table definitions of every scope, stored as JSON in the "catalog" keyspace and cached, since
 * every item operation looks its table up. Keyspaces of a table's items and indexes are named
 * {@code table/<name>/items} and {@code table/<name>/index/<index>}, its stream's records
 * {@code table/<name>/stream/<label>}.
 */
public final class TableCatalog {
    private static final String SERVICE = "dynamodb";

    private final StateStore state;
    private final RecordTable<TableDefinition> catalog;

    /** A table by scope and name: the key of the caches, hashed without building a string per request. */
    private record TableKey(Scope scope, String name) {
    }

    private final Map<TableKey, Optional<TableDefinition>> cache = new ConcurrentHashMap<>();
    private final Map<TableKey, Keyspace> itemKeyspaces = new ConcurrentHashMap<>();

    public TableCatalog(StateStore state) {
        this.state = state;
        this.catalog = new RecordTable<>(state, SERVICE, "catalog", TableDefinition.class);
    }

    public Optional<TableDefinition> find(Scope scope, String name) {
        TableKey key = new TableKey(scope, name);
        Optional<TableDefinition> cached = cache.get(key);
        return cached != null ? cached : cache.computeIfAbsent(key, k -> catalog.get(scope, name));
    }

    /** Stores a new table; false when one of that name exists. */
    public synchronized boolean create(Scope scope, TableDefinition table) {
        if (find(scope, table.name()).isPresent()) {
            return false;
        }
        put(scope, table);
        return true;
    }

    public synchronized void update(Scope scope, TableDefinition table) {
        put(scope, table);
    }

    /** Removes the table and its items and indexes. */
    public synchronized void delete(Scope scope, String name) {
        catalog.delete(scope, name);
        state.drop(scope.keyspace(SERVICE, "table/" + name + "/"));
        cache.remove(new TableKey(scope, name));
        itemKeyspaces.remove(new TableKey(scope, name));
    }

    /** Table names of the scope in ascending order. */
    public List<String> names(Scope scope) {
        return catalog.keys(scope, "");
    }

    /** Every scope's tables, for the TTL sweeper. */
    public List<Map.Entry<Scope, TableDefinition>> all() {
        List<Map.Entry<Scope, TableDefinition>> out = new ArrayList<>();
        for (Scope scope : catalog.scopes()) {
            for (String name : names(scope)) {
                find(scope, name).ifPresent(t -> out.add(Map.entry(scope, t)));
            }
        }
        return out;
    }

    public Keyspace items(Scope scope, String table) {
        return itemKeyspaces.computeIfAbsent(new TableKey(scope, table), k -> state.keyspace(itemsKeyspace(scope, table)));
    }

    public String itemsKeyspace(Scope scope, String table) {
        return scope.keyspace(SERVICE, "table/" + table + "/items");
    }

    public String indexKeyspace(Scope scope, String table, String index) {
        return scope.keyspace(SERVICE, "table/" + table + "/index/" + index);
    }

    /** The records of a table's stream, dropped with the table. */
    public String streamKeyspace(Scope scope, String table, String streamLabel) {
        return scope.keyspace(SERVICE, "table/" + table + "/stream/" + streamLabel);
    }

    public StateStore state() {
        return state;
    }

    /** Forgets cached definitions (after a reset dropped the keyspaces). */
    public void clearCache() {
        cache.clear();
        itemKeyspaces.clear();
    }

    private void put(Scope scope, TableDefinition table) {
        catalog.put(scope, table.name(), table);
        cache.put(new TableKey(scope, table.name()), Optional.of(table));
    }

}
