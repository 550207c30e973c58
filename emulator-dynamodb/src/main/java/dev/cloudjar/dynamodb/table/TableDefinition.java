package dev.cloudjar.dynamodb.table;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything DynamoDB knows about a table besides its items, as stored in the catalog.
 *
 * @param attributeTypes key attribute name → S, N or B (AttributeDefinitions)
 * @param streamViewType null when the stream is disabled
 * @param streamLabel    the label of the latest stream (its ARN's last part), kept after disabling
 * @param ttlAttribute   null when TTL is disabled
 */
public record TableDefinition(String name, String arn, String tableId, long createdAtMillis, KeySchema keySchema,
                              Map<String, String> attributeTypes, String billingMode, long readCapacity,
                              long writeCapacity, List<IndexDefinition> indexes, String streamViewType,
                              String streamLabel, String ttlAttribute, Map<String, String> tags,
                              boolean deletionProtection, Map<String, Object> sse, String tableClass) {

    public TableDefinition {
        attributeTypes = Map.copyOf(attributeTypes);
        indexes = List.copyOf(indexes);
        tags = new LinkedHashMap<>(tags);
    }

    public Instant createdAt() {
        return Instant.ofEpochMilli(createdAtMillis);
    }

    public boolean payPerRequest() {
        return billingMode.equals("PAY_PER_REQUEST");
    }

    public IndexDefinition index(String indexName) {
        return indexes.stream().filter(i -> i.name().equals(indexName)).findFirst().orElse(null);
    }

    public List<IndexDefinition> globalIndexes() {
        return indexes.stream().filter(IndexDefinition::global).toList();
    }

    public List<IndexDefinition> localIndexes() {
        return indexes.stream().filter(i -> !i.global()).toList();
    }

    public String streamArn() {
        return streamLabel == null ? null : arn + "/stream/" + streamLabel;
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Changes to a definition (UpdateTable, TTL, tags). */
    public static final class Builder {
        private String billingMode;
        private long readCapacity;
        private long writeCapacity;
        private List<IndexDefinition> indexes;
        private Map<String, String> attributeTypes;
        private String streamViewType;
        private String streamLabel;
        private String ttlAttribute;
        private Map<String, String> tags;
        private boolean deletionProtection;
        private Map<String, Object> sse;
        private final TableDefinition base;

        private Builder(TableDefinition t) {
            base = t;
            billingMode = t.billingMode;
            readCapacity = t.readCapacity;
            writeCapacity = t.writeCapacity;
            indexes = new ArrayList<>(t.indexes);
            attributeTypes = new LinkedHashMap<>(t.attributeTypes);
            streamViewType = t.streamViewType;
            streamLabel = t.streamLabel;
            ttlAttribute = t.ttlAttribute;
            tags = new LinkedHashMap<>(t.tags);
            deletionProtection = t.deletionProtection;
            sse = t.sse;
        }

        public Builder billing(String mode, long read, long write) {
            billingMode = mode;
            readCapacity = read;
            writeCapacity = write;
            return this;
        }

        public List<IndexDefinition> indexes() {
            return indexes;
        }

        public Map<String, String> attributeTypes() {
            return attributeTypes;
        }

        public Map<String, String> tags() {
            return tags;
        }

        public Builder stream(String viewType, String label) {
            streamViewType = viewType;
            streamLabel = label;
            return this;
        }

        public Builder ttlAttribute(String attribute) {
            ttlAttribute = attribute;
            return this;
        }

        public Builder deletionProtection(boolean enabled) {
            deletionProtection = enabled;
            return this;
        }

        public Builder sse(Map<String, Object> spec) {
            sse = spec;
            return this;
        }

        public TableDefinition build() {
            return new TableDefinition(base.name, base.arn, base.tableId, base.createdAtMillis, base.keySchema,
                    attributeTypes, billingMode, readCapacity, writeCapacity, indexes, streamViewType, streamLabel,
                    ttlAttribute, tags, deletionProtection, sse, base.tableClass);
        }
    }
}
