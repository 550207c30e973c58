package dev.cloudjar.dynamodb.capacity;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Capacity units as DynamoDB charges them: a read unit per 4 KB (half for an eventually
 * consistent read), a write unit per 1 KB, each rounded up and at least one; transactions cost
 * double.
 */
public final class Capacity {
    private Capacity() {
    }

    public static double readUnits(long bytes, boolean consistent) {
        double units = Math.max(1, (bytes + 4095) / 4096);
        return consistent ? units : units / 2;
    }

    public static double writeUnits(long bytes) {
        return Math.max(1, (bytes + 1023) / 1024);
    }

    /** Whether ReturnConsumedCapacity asks for the ConsumedCapacity member. */
    public static boolean reported(String mode) {
        return mode != null && !mode.equals("NONE");
    }

    /**
     * The ConsumedCapacity member for ReturnConsumedCapacity (null for NONE or absent).
     *
     * @param globalIndexes index name → write units, reported for INDEXES only (reads of an index
     *                      are reported by {@link #consumedByRead})
     */
    public static Map<String, Object> consumed(String mode, String table, double read, double write,
                                               Map<String, Double> globalIndexes, Map<String, Double> localIndexes) {
        if (!reported(mode)) {
            return null;
        }
        double indexTotal = globalIndexes.values().stream().mapToDouble(Double::doubleValue).sum()
                + localIndexes.values().stream().mapToDouble(Double::doubleValue).sum();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("TableName", table);
        out.put("CapacityUnits", read + write + indexTotal);
        if (read > 0) {
            out.put("ReadCapacityUnits", read);
        }
        if (write > 0 || indexTotal > 0) {
            out.put("WriteCapacityUnits", write + indexTotal);
        }
        if (mode.equals("INDEXES")) {
            out.put("Table", units(read, write));
            if (!globalIndexes.isEmpty()) {
                out.put("GlobalSecondaryIndexes", indexWriteUnits(globalIndexes));
            }
            if (!localIndexes.isEmpty()) {
                out.put("LocalSecondaryIndexes", indexWriteUnits(localIndexes));
            }
        }
        return out;
    }

    /** The ConsumedCapacity of a read of the table, or of one of its indexes when {@code index} is not null. */
    public static Map<String, Object> consumedByRead(String mode, String table, String index, boolean global,
                                                     double units) {
        if (index == null) {
            return consumed(mode, table, units, 0, Map.of(), Map.of());
        }
        if (mode == null || mode.equals("NONE")) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("TableName", table);
        out.put("CapacityUnits", units);
        out.put("ReadCapacityUnits", units);
        if (mode.equals("INDEXES")) {
            out.put("Table", units(0, 0));
            out.put(global ? "GlobalSecondaryIndexes" : "LocalSecondaryIndexes", Map.of(index, units(units, 0)));
        }
        return out;
    }

    private static Map<String, Object> indexWriteUnits(Map<String, Double> indexes) {
        Map<String, Object> out = new LinkedHashMap<>();
        indexes.forEach((name, units) -> out.put(name, units(0, units)));
        return out;
    }

    private static Map<String, Object> units(double read, double write) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("CapacityUnits", read + write);
        if (read > 0) {
            out.put("ReadCapacityUnits", read);
        }
        if (write > 0) {
            out.put("WriteCapacityUnits", write);
        }
        return out;
    }
}
