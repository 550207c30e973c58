package dev.cloudjar.dynamodb.item;

import dev.cloudjar.dynamodb.table.TableDefinition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ItemCollectionMetrics of a write when ReturnItemCollectionMetrics is SIZE. AWS reports them
 * only for tables with local secondary indexes (an item collection is the items sharing a
 * partition key there), and otherwise leaves the member out.
 */
final class ItemCollectionMetrics {
    /**
     * AWS gives the size as a range of whole gigabytes; any collection under 1 GB, which is every
     * collection an emulator holds in practice, is reported as [0.0, 1.0].
     */
    private static final List<Double> UNDER_ONE_GIGABYTE = List.of(0.0, 1.0);

    private ItemCollectionMetrics() {
    }

    private static boolean requested(String mode, TableDefinition table) {
        return "SIZE".equals(mode) && !table.localIndexes().isEmpty();
    }

    /** The metrics of the collection the written item (or key) belongs to, or null when not requested. */
    static Map<String, Object> of(String mode, TableDefinition table, Map<String, AttributeValue> keyOrItem) {
        if (!requested(mode, table)) {
            return null;
        }
        String hash = table.keySchema().hash();
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("ItemCollectionKey", Map.of(hash, WireValues.wire(keyOrItem.get(hash))));
        metrics.put("SizeEstimateRangeGB", UNDER_ONE_GIGABYTE);
        return metrics;
    }

    /** Adds a write's metrics to the per-table lists of BatchWriteItem and TransactWriteItems. */
    @SuppressWarnings("unchecked")
    static void add(Map<String, Object> byTable, String mode, TableDefinition table,
                    Map<String, AttributeValue> keyOrItem) {
        Map<String, Object> metrics = of(mode, table, keyOrItem);
        if (metrics != null) {
            ((List<Object>) byTable.computeIfAbsent(table.name(), t -> new ArrayList<>())).add(metrics);
        }
    }
}
