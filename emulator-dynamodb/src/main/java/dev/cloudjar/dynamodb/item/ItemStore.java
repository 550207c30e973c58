package dev.cloudjar.dynamodb.item;

import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.core.spi.StripedLocks;
import dev.cloudjar.core.spi.storage.WriteBatch;
import dev.cloudjar.dynamodb.table.IndexDefinition;
import dev.cloudjar.dynamodb.table.TableCatalog;
import dev.cloudjar.dynamodb.table.TableDefinition;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A table's items in the state store, ordered by partition key then sort key, and its secondary
 * indexes as their own keyspaces (index key, then the table key to keep entries unique) holding
 * the projected attributes. An item and its index entries change in one atomic write batch.
 */
public final class ItemStore {
    private final TableCatalog catalog;
    private final StripedLocks locks = new StripedLocks(1024);

    public ItemStore(TableCatalog catalog) {
        this.catalog = catalog;
    }

    public TableCatalog catalog() {
        return catalog;
    }

    /** The stored item, or null. */
    public Map<String, AttributeValue> get(Scope scope, TableDefinition table, byte[] key) {
        return catalog.items(scope, table.name()).get(key).map(ItemCodec::decode).orElse(null);
    }

    /** Locks one item for a read-check-write. */
    public StripedLocks.Held lock(Scope scope, TableDefinition table, byte[] key) {
        return locks.lock(catalog.itemsKeyspace(scope, table.name()), key);
    }

    public StripedLocks locks() {
        return locks;
    }

    public int stripe(Scope scope, TableDefinition table, byte[] key) {
        return locks.stripe(catalog.itemsKeyspace(scope, table.name()), key);
    }

    /** Replaces the item {@code before} (null if absent) by {@code after} (null to delete) and applies it. */
    public void write(Scope scope, TableDefinition table, byte[] key, Map<String, AttributeValue> before,
                      Map<String, AttributeValue> after) {
        if (table.indexes().isEmpty()) {
            // One keyspace write needs no batch, and so no store-wide exclusive section.
            if (after == null) {
                catalog.items(scope, table.name()).delete(key);
            } else {
                catalog.items(scope, table.name()).put(key, ItemCodec.encode(after));
            }
            return;
        }
        WriteBatch batch = new WriteBatch();
        stage(batch, scope, table, key, before, after);
        catalog.state().apply(batch);
    }

    /** Adds the item's and its index entries' changes to a batch (transactions apply several at once). */
    public void stage(WriteBatch batch, Scope scope, TableDefinition table, byte[] key,
                      Map<String, AttributeValue> before, Map<String, AttributeValue> after) {
        String items = catalog.itemsKeyspace(scope, table.name());
        if (after == null) {
            batch.delete(items, key);
        } else {
            batch.put(items, key, ItemCodec.encode(after));
        }
        for (IndexDefinition index : table.indexes()) {
            String keyspace = catalog.indexKeyspace(scope, table.name(), index.name());
            byte[] oldKey = before != null && Keys.inIndex(index, before) ? indexKey(index, key, before) : null;
            byte[] newKey = after != null && Keys.inIndex(index, after) ? indexKey(index, key, after) : null;
            if (oldKey != null && (newKey == null || !java.util.Arrays.equals(oldKey, newKey))) {
                batch.delete(keyspace, oldKey);
            }
            if (newKey != null) {
                batch.put(keyspace, newKey, ItemCodec.encode(project(table, index, after)));
            }
        }
    }

    /** An index entry's key: the index key, then the table key. */
    public static byte[] indexKey(IndexDefinition index, byte[] tableKey, Map<String, AttributeValue> item) {
        ByteSink out = new ByteSink(48);
        byte[] indexPart = Keys.storageKey(index.keySchema(), item);
        out.write(indexPart);
        out.write(tableKey);
        return out.toByteArray();
    }

    /** The attributes an index projects: both keys, plus the included or all attributes. */
    public static Map<String, AttributeValue> project(TableDefinition table, IndexDefinition index,
                                                      Map<String, AttributeValue> item) {
        if (index.projectsAll()) {
            return item;
        }
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            String name = e.getKey();
            if (table.keySchema().isKey(name) || index.keySchema().isKey(name)
                    || index.nonKeyAttributes().contains(name)) {
                out.put(name, e.getValue());
            }
        }
        return out;
    }
}
