package dev.cloudjar.dynamodb.item;

import dev.cloudjar.dynamodb.capacity.Capacity;
import dev.cloudjar.dynamodb.capacity.CapacityLimiter;
import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.dynamodb.table.IndexDefinition;
import dev.cloudjar.dynamodb.table.TableDefinition;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a write consumes: write units for the larger of the old and new item, plus the units of
 * each index entry it changed (put or deleted).
 */
record WriteCost(double table, Map<String, Double> globalIndexes, Map<String, Double> localIndexes) {

    /** @param factor 2 in a transaction, as AWS charges transactional writes double */
    static WriteCost of(TableDefinition table, ItemWriter.Result result, double factor) {
        long size = Math.max(result.before() == null ? 0 : ItemSize.of(result.before()),
                result.after() == null ? 0 : ItemSize.of(result.after()));
        Map<String, Double> gsis = new LinkedHashMap<>();
        Map<String, Double> lsis = new LinkedHashMap<>();
        for (IndexDefinition index : table.indexes()) {
            double units = indexWriteUnits(table, index, result.before()) + indexWriteUnits(table, index, result.after());
            if (units > 0) {
                (index.global() ? gsis : lsis).put(index.name(), units * factor);
            }
        }
        return new WriteCost(Capacity.writeUnits(size) * factor, gsis, lsis);
    }

    /** Takes the units from the table's and its global indexes' buckets; local indexes use the table's. */
    void charge(CapacityLimiter capacity, Scope scope, TableDefinition tableDefinition) {
        double local = localIndexes.values().stream().mapToDouble(Double::doubleValue).sum();
        capacity.chargeWrite(scope, tableDefinition, table + local, globalIndexes);
    }

    Map<String, Object> consumed(String mode, String tableName) {
        return Capacity.consumed(mode, tableName, 0, table, globalIndexes, localIndexes);
    }

    private static double indexWriteUnits(TableDefinition table, IndexDefinition index, Map<String, AttributeValue> item) {
        return item != null && Keys.inIndex(index, item)
                ? Capacity.writeUnits(ItemSize.of(ItemStore.project(table, index, item))) : 0;
    }
}
