package dev.cloudjar.dynamodb.item;

import dev.cloudjar.dynamodb.capacity.Capacity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ConsumedCapacity list of a request touching several items and tables (BatchWriteItem,
 * TransactWriteItems, TransactGetItems): one entry per table, in the order the tables were first
 * touched, summing the table's and each index's units.
 */
final class ConsumedByTable {
    private static final class Units {
        double read;
        double write;
        final Map<String, Double> globalIndexes = new LinkedHashMap<>();
        final Map<String, Double> localIndexes = new LinkedHashMap<>();
    }

    private final Map<String, Units> byTable = new LinkedHashMap<>();

    /** Makes the table appear in the list even when nothing of it gets charged. */
    void touch(String table) {
        byTable.computeIfAbsent(table, t -> new Units());
    }

    void write(String table, WriteCost cost) {
        Units units = byTable.computeIfAbsent(table, t -> new Units());
        units.write += cost.table();
        cost.globalIndexes().forEach((index, u) -> units.globalIndexes.merge(index, u, Double::sum));
        cost.localIndexes().forEach((index, u) -> units.localIndexes.merge(index, u, Double::sum));
    }

    void read(String table, double units) {
        byTable.computeIfAbsent(table, t -> new Units()).read += units;
    }

    /** The ConsumedCapacity member for ReturnConsumedCapacity {@code mode}, or null when not asked for. */
    List<Object> consumed(String mode) {
        if (!Capacity.reported(mode)) {
            return null;
        }
        List<Object> out = new ArrayList<>();
        byTable.forEach((table, u) -> out.add(
                Capacity.consumed(mode, table, u.read, u.write, u.globalIndexes, u.localIndexes)));
        return out;
    }
}
