package dev.cloudjar.dynamodb.table;

import java.util.List;

/**
 * A secondary index: its key, its projection (KEYS_ONLY, INCLUDE with nonKeyAttributes, ALL)
 * and, for global indexes, its own provisioned throughput.
 *
 * @param global true for a GSI, false for an LSI
 */
public record IndexDefinition(String name, boolean global, KeySchema keySchema, String projectionType,
                              List<String> nonKeyAttributes, long readCapacity, long writeCapacity, String status) {

    public IndexDefinition {
        nonKeyAttributes = nonKeyAttributes == null ? List.of() : List.copyOf(nonKeyAttributes);
    }

    public IndexDefinition withStatus(String newStatus) {
        return new IndexDefinition(name, global, keySchema, projectionType, nonKeyAttributes, readCapacity,
                writeCapacity, newStatus);
    }

    public IndexDefinition withThroughput(long read, long write) {
        return new IndexDefinition(name, global, keySchema, projectionType, nonKeyAttributes, read, write, status);
    }

    public boolean projectsAll() {
        return projectionType.equals("ALL");
    }
}
