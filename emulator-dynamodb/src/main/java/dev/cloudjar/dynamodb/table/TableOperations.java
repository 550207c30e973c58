package dev.cloudjar.dynamodb.table;

import dev.cloudjar.core.protocol.Validator;
import dev.cloudjar.core.spi.Arn;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.Output;
import dev.cloudjar.core.spi.RequestContext;
import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.dynamodb.DynamoDbErrors;
import dev.cloudjar.dynamodb.item.ItemCodec;
import dev.cloudjar.dynamodb.item.ItemStore;
import dev.cloudjar.dynamodb.item.Keys;
import dev.cloudjar.core.spi.storage.Entry;
import dev.cloudjar.core.spi.storage.WriteBatch;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** CreateTable, DescribeTable, ListTables, UpdateTable, DeleteTable. */
public final class TableOperations {
    private static final int MAX_LOCAL_INDEXES = 5;
    private static final int MAX_GLOBAL_INDEXES = 20;
    private static final DateTimeFormatter STREAM_LABEL =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private final TableCatalog catalog;

    public TableOperations(TableCatalog catalog) {
        this.catalog = catalog;
    }

    /** The table of a request, or ResourceNotFoundException as item operations report it. */
    public static TableDefinition require(TableCatalog catalog, Scope scope, String name) {
        return catalog.find(scope, name).orElseThrow(DynamoDbErrors::resourceNotFound);
    }

    public Output createTable(RequestContext context, Input input) {
        String name = input.string("TableName");
        if (!input.has("KeySchema")) {
            // Optional in today's model (a replica made from GlobalTableSourceArn names none), needed by every other table.
            throw DynamoDbErrors.validation(Validator.message(
                    List.of("Value null at 'keySchema' failed to satisfy constraint: Member must not be null")));
        }
        // DynamoDB's order: billing, then attribute definitions against the key schema, then its shape, then indexes.
        String billing = input.has("BillingMode") ? input.string("BillingMode") : "PROVISIONED";
        long[] throughput = throughput(billing, input.structure("ProvisionedThroughput"), null);
        Map<String, String> types = attributeTypes(input.list("AttributeDefinitions"));
        AttributeDefinitionChecks.requireTableKeysDefined(keyNames(input.list("KeySchema")), types);
        KeySchema keySchema = keySchema(input.list("KeySchema"));
        List<IndexDefinition> indexes = new ArrayList<>();
        indexes.addAll(indexes(input.list("LocalSecondaryIndexes"), false, keySchema, billing, types));
        indexes.addAll(indexes(input.list("GlobalSecondaryIndexes"), true, keySchema, billing, types));
        AttributeDefinitionChecks.requireAllUsed(keySchema, indexes, types);
        Input stream = input.structure("StreamSpecification");
        boolean streamEnabled = stream != null && Boolean.TRUE.equals(stream.bool("StreamEnabled"));
        if (stream != null && !streamEnabled && stream.has("StreamViewType")) {
            throw DynamoDbErrors.invalidParameter(
                    "Table is being created with a stream disabled, UpdateViewType should not be specified");
        }
        String viewType = streamEnabled ? stream.string("StreamViewType") : null;
        Instant now = context.receivedAt();
        TableDefinition table = new TableDefinition(name,
                Arn.of("dynamodb", context.scope(), "table/" + name).toString(),
                UUID.randomUUID().toString(), now.toEpochMilli(), keySchema, types, billing, throughput[0],
                throughput[1], indexes, viewType, viewType == null ? null : STREAM_LABEL.format(now), null,
                tags(input.list("Tags")), Boolean.TRUE.equals(input.bool("DeletionProtectionEnabled")),
                sse(input.structure("SSESpecification")), input.has("TableClass") ? input.string("TableClass") : "STANDARD");
        if (!catalog.create(context.scope(), table)) {
            throw DynamoDbErrors.resourceInUse("Table already exists: " + name);
        }
        // The table is usable at once; the first answer still says CREATING, as AWS's does.
        return Output.of("TableDescription", describe(context.scope(), table, "CREATING"));
    }

    public Output describeTable(RequestContext context, Input input) {
        String name = input.string("TableName");
        TableDefinition table = catalog.find(context.scope(), name)
                .orElseThrow(() -> DynamoDbErrors.tableNotFound(name));
        return Output.of("Table", describe(context.scope(), table, "ACTIVE"));
    }

    public Output listTables(RequestContext context, Input input) {
        int limit = input.has("Limit") ? input.integer("Limit") : 100;
        String start = input.string("ExclusiveStartTableName");
        List<String> names = catalog.names(context.scope()).stream()
                .filter(n -> start == null || n.compareTo(start) > 0).toList();
        List<String> page = names.subList(0, Math.min(limit, names.size()));
        return Output.of("TableNames", page)
                .put("LastEvaluatedTableName", names.size() > limit ? page.get(page.size() - 1) : null);
    }

    public Output deleteTable(RequestContext context, Input input) {
        TableDefinition table = requireForUpdate(context, input);
        if (table.deletionProtection()) {
            throw DynamoDbErrors.validation("Resource cannot be deleted as it is currently protected against deletion. "
                    + "Disable deletion protection first.");
        }
        Map<String, Object> description = describe(context.scope(), table, "DELETING");
        catalog.delete(context.scope(), table.name());
        return Output.of("TableDescription", description);
    }

    public Output updateTable(RequestContext context, Input input) {
        TableDefinition table = requireForUpdate(context, input);
        TableDefinition.Builder updated = table.toBuilder();
        if (input.has("AttributeDefinitions")) {
            updated.attributeTypes().putAll(attributeTypes(input.list("AttributeDefinitions")));
        }
        if (input.has("BillingMode") || input.has("ProvisionedThroughput")) {
            String billing = input.has("BillingMode") ? input.string("BillingMode") : table.billingMode();
            long[] throughput = throughput(billing, input.structure("ProvisionedThroughput"), table);
            updated.billing(billing, throughput[0], throughput[1]);
        }
        if (input.has("DeletionProtectionEnabled")) {
            updated.deletionProtection(input.bool("DeletionProtectionEnabled"));
        }
        if (input.has("StreamSpecification")) {
            Input stream = input.structure("StreamSpecification");
            boolean enabled = Boolean.TRUE.equals(stream.bool("StreamEnabled"));
            updated.stream(enabled ? stream.string("StreamViewType") : null,
                    enabled ? STREAM_LABEL.format(context.receivedAt()) : table.streamLabel());
        }
        if (input.has("SSESpecification")) {
            updated.sse(sse(input.structure("SSESpecification")));
        }
        List<IndexDefinition> created = new ArrayList<>();
        for (Object o : input.has("GlobalSecondaryIndexUpdates") ? input.list("GlobalSecondaryIndexUpdates") : List.of()) {
            created.addAll(indexUpdate(table, updated, new Input(castMap(o))));
        }
        TableDefinition result = updated.build();
        AttributeDefinitionChecks.requireAllUsed(result.keySchema(), result.indexes(), result.attributeTypes());
        catalog.update(context.scope(), result);
        for (IndexDefinition index : created) {
            backfill(context.scope(), result, index);
        }
        return Output.of("TableDescription", describe(context.scope(), result, "UPDATING"));
    }

    private List<IndexDefinition> indexUpdate(TableDefinition table, TableDefinition.Builder updated, Input update) {
        List<IndexDefinition> indexes = updated.indexes();
        if (update.has("Create")) {
            Input create = update.structure("Create");
            IndexDefinition index = index(create, true, table.keySchema(), table.billingMode(), updated.attributeTypes());
            if (table.index(index.name()) != null) {
                throw DynamoDbErrors.validation("One or more parameter values were invalid: Index with name: "
                        + index.name() + " already exists");
            }
            indexes.add(index);
            return List.of(index);
        }
        if (update.has("Delete")) {
            String name = update.structure("Delete").string("IndexName");
            requireGlobalIndex(table, name);
            indexes.removeIf(i -> i.name().equals(name));
        }
        if (update.has("Update")) {
            Input change = update.structure("Update");
            String name = change.string("IndexName");
            IndexDefinition index = requireGlobalIndex(table, name);
            Input throughput = change.structure("ProvisionedThroughput");
            indexes.replaceAll(i -> i.name().equals(name) ? index.withThroughput(
                    throughput.longValue("ReadCapacityUnits"), throughput.longValue("WriteCapacityUnits")) : i);
        }
        return List.of();
    }

    private static IndexDefinition requireGlobalIndex(TableDefinition table, String name) {
        IndexDefinition index = table.index(name);
        if (index == null || !index.global()) {
            throw DynamoDbErrors.resourceNotFound();
        }
        return index;
    }

    /** Fills a new global index from the table's items, page by page. */
    private void backfill(Scope scope, TableDefinition table, IndexDefinition index) {
        byte[] from = null;
        while (true) {
            List<Entry> page = catalog.items(scope, table.name()).scan(from, null, 1000, false);
            WriteBatch batch = new WriteBatch();
            String keyspace = catalog.indexKeyspace(scope, table.name(), index.name());
            for (Entry e : page) {
                Map<String, dev.cloudjar.dynamodb.item.AttributeValue> item = ItemCodec.decode(e.value());
                if (Keys.inIndex(index, item)) {
                    batch.put(keyspace, ItemStore.indexKey(index, e.key(), item),
                            ItemCodec.encode(ItemStore.project(table, index, item)));
                }
            }
            if (!batch.isEmpty()) {
                catalog.state().apply(batch);
            }
            if (page.size() < 1000) {
                return;
            }
            byte[] last = page.get(page.size() - 1).key();
            from = java.util.Arrays.copyOf(last, last.length + 1);
        }
    }

    private TableDefinition requireForUpdate(RequestContext context, Input input) {
        String name = input.string("TableName");
        return catalog.find(context.scope(), name).orElseThrow(() -> DynamoDbErrors.tableNotFound(name));
    }

    // ---- parsing CreateTable's members

    private static List<String> keyNames(List<Object> elements) {
        return elements.stream().map(e -> (String) castMap(e).get("AttributeName")).toList();
    }

    private static KeySchema keySchema(List<Object> elements) {
        List<String> names = keyNames(elements);
        if (names.size() == 2 && names.get(0).equals(names.get(1))) {
            // Unlike its neighbours, this message has no "One or more parameter values were invalid" prefix.
            throw DynamoDbErrors.validation("Both the Hash Key and the Range Key element in the KeySchema have the same name");
        }
        for (int i = 0; i < elements.size(); i++) {
            String type = (String) castMap(elements.get(i)).get("KeyType");
            if (i == 0 && !type.equals("HASH")) {
                throw DynamoDbErrors.validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
            }
            if (i == 1 && !type.equals("RANGE")) {
                throw DynamoDbErrors.validation("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
            }
        }
        return new KeySchema(names.get(0), names.size() > 1 ? names.get(1) : null);
    }

    /** The definitions by name; absent ones (the model no longer requires them) are none, which the key checks refuse. */
    private static Map<String, String> attributeTypes(List<Object> definitions) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Object o : definitions == null ? List.of() : definitions) {
            Map<String, Object> d = castMap(o);
            out.put((String) d.get("AttributeName"), (String) d.get("AttributeType"));
        }
        return out;
    }

    private static long[] throughput(String billing, Input throughput, TableDefinition current) {
        if (billing.equals("PAY_PER_REQUEST")) {
            if (throughput != null && current == null) {
                throw DynamoDbErrors.invalidParameter(
                        "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
            }
            return new long[]{0, 0};
        }
        if (throughput == null) {
            if (current != null && !current.payPerRequest()) {
                return new long[]{current.readCapacity(), current.writeCapacity()};
            }
            throw DynamoDbErrors.invalidParameter(
                    "ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED");
        }
        return new long[]{throughput.longValue("ReadCapacityUnits"), throughput.longValue("WriteCapacityUnits")};
    }

    private static List<IndexDefinition> indexes(List<Object> specs, boolean global, KeySchema table, String billing,
                                                 Map<String, String> types) {
        List<IndexDefinition> out = new ArrayList<>();
        if (specs == null) {
            return out;
        }
        if (specs.isEmpty()) {
            throw DynamoDbErrors.invalidParameter("List of " + (global ? "GlobalSecondaryIndexes" : "LocalSecondaryIndexes")
                    + " is empty");
        }
        if (!global && specs.size() > MAX_LOCAL_INDEXES) {
            throw DynamoDbErrors.invalidParameter("Number of LocalSecondaryIndexes exceeds per-table limit of "
                    + MAX_LOCAL_INDEXES);
        }
        if (global && specs.size() > MAX_GLOBAL_INDEXES) {
            throw DynamoDbErrors.invalidParameter("GlobalSecondaryIndex count exceeds the per-table limit of "
                    + MAX_GLOBAL_INDEXES);
        }
        Set<String> names = new HashSet<>();
        for (Object o : specs) {
            IndexDefinition index = index(new Input(castMap(o)), global, table, billing, types);
            if (!names.add(index.name())) {
                throw DynamoDbErrors.invalidParameter("Duplicate index name: " + index.name());
            }
            out.add(index);
        }
        return out;
    }

    private static IndexDefinition index(Input spec, boolean global, KeySchema table, String billing,
                                         Map<String, String> types) {
        String name = spec.string("IndexName");
        AttributeDefinitionChecks.requireDefined(keyNames(spec.list("KeySchema")), types);
        KeySchema key = keySchema(spec.list("KeySchema"));
        if (!global) {
            if (!table.hasRange()) {
                throw DynamoDbErrors.invalidParameter(
                        "Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex");
            }
            if (!key.hasRange()) {
                throw DynamoDbErrors.invalidParameter("Index KeySchema does not have a range key for index: " + name);
            }
            if (!key.hash().equals(table.hash())) {
                throw DynamoDbErrors.invalidParameter(
                        "Index KeySchema does not have the same leading hash key as table KeySchema for index: " + name
                                + ". index hash key: " + key.hash() + ", table hash key: " + table.hash());
            }
        }
        Input projection = spec.structure("Projection");
        String projectionType = projection == null ? null : projection.string("ProjectionType");
        if (projectionType == null) {
            throw DynamoDbErrors.invalidParameter("Unknown ProjectionType: null");
        }
        List<String> nonKey = projection.list("NonKeyAttributes") == null ? List.of()
                : projection.list("NonKeyAttributes").stream().map(Object::toString).toList();
        if (!nonKey.isEmpty() && !projectionType.equals("INCLUDE")) {
            throw DynamoDbErrors.invalidParameter("ProjectionType is " + projectionType
                    + ", but NonKeyAttributes is specified");
        }
        if (nonKey.isEmpty() && projectionType.equals("INCLUDE")) {
            throw DynamoDbErrors.invalidParameter("ProjectionType is INCLUDE, but NonKeyAttributes is not specified");
        }
        long read = 0;
        long write = 0;
        Input throughput = spec.structure("ProvisionedThroughput");
        if (global && billing.equals("PROVISIONED")) {
            if (throughput == null) {
                throw DynamoDbErrors.invalidParameter("ProvisionedThroughput must be specified for index: " + name);
            }
            read = throughput.longValue("ReadCapacityUnits");
            write = throughput.longValue("WriteCapacityUnits");
        } else if (global && throughput != null) {
            throw DynamoDbErrors.invalidParameter("ProvisionedThroughput should not be specified for index: " + name
                    + " when BillingMode is PAY_PER_REQUEST");
        }
        return new IndexDefinition(name, global, key, projectionType, nonKey, read, write, "ACTIVE");
    }

    static Map<String, String> tags(List<Object> tags) {
        Map<String, String> out = new LinkedHashMap<>();
        if (tags != null) {
            for (Object o : tags) {
                Map<String, Object> t = castMap(o);
                out.put((String) t.get("Key"), (String) t.get("Value"));
            }
        }
        return out;
    }

    private static Map<String, Object> sse(Input spec) {
        if (spec == null || !Boolean.TRUE.equals(spec.bool("Enabled"))) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Status", "ENABLED");
        out.put("SSEType", spec.has("SSEType") ? spec.string("SSEType") : "KMS");
        out.put("KMSMasterKeyArn", spec.has("KMSMasterKeyId") ? spec.string("KMSMasterKeyId")
                : "arn:aws:kms:us-east-1:000000000000:key/aws-dynamodb");
        return out;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> castMap(Object o) {
        return (Map<String, Object>) o;
    }

    // ---- describing

    Map<String, Object> describe(Scope scope, TableDefinition table, String status) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<Object> definitions = new ArrayList<>();
        table.attributeTypes().forEach((n, t) -> definitions.add(Map.of("AttributeName", n, "AttributeType", t)));
        out.put("AttributeDefinitions", definitions);
        out.put("TableName", table.name());
        out.put("KeySchema", table.keySchema().wire());
        out.put("TableStatus", status);
        out.put("CreationDateTime", table.createdAt());
        out.put("ProvisionedThroughput", throughput(table.readCapacity(), table.writeCapacity()));
        TableStatistics.Counts counts = TableStatistics.count(catalog.items(scope, table.name()));
        out.put("TableSizeBytes", counts.bytes());
        out.put("ItemCount", counts.items());
        out.put("TableArn", table.arn());
        out.put("TableId", table.tableId());
        out.put("BillingModeSummary", Map.of("BillingMode", table.billingMode(),
                "LastUpdateToPayPerRequestDateTime", table.createdAt()));
        List<Object> lsis = new ArrayList<>();
        List<Object> gsis = new ArrayList<>();
        for (IndexDefinition index : table.indexes()) {
            (index.global() ? gsis : lsis).add(describeIndex(scope, table, index));
        }
        out.put("LocalSecondaryIndexes", lsis.isEmpty() ? null : lsis);
        out.put("GlobalSecondaryIndexes", gsis.isEmpty() ? null : gsis);
        if (table.streamViewType() != null) {
            out.put("StreamSpecification", Map.of("StreamEnabled", true, "StreamViewType", table.streamViewType()));
        }
        if (table.streamLabel() != null) {
            out.put("LatestStreamLabel", table.streamLabel());
            out.put("LatestStreamArn", table.streamArn());
        }
        out.put("SSEDescription", table.sse());
        out.put("TableClassSummary", Map.of("TableClass", table.tableClass()));
        out.put("DeletionProtectionEnabled", table.deletionProtection());
        out.values().removeIf(java.util.Objects::isNull);
        return out;
    }

    private Map<String, Object> describeIndex(Scope scope, TableDefinition table, IndexDefinition index) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("IndexName", index.name());
        out.put("KeySchema", index.keySchema().wire());
        Map<String, Object> projection = new LinkedHashMap<>();
        projection.put("ProjectionType", index.projectionType());
        if (!index.nonKeyAttributes().isEmpty()) {
            projection.put("NonKeyAttributes", index.nonKeyAttributes());
        }
        out.put("Projection", projection);
        if (index.global()) {
            out.put("IndexStatus", index.status());
            out.put("ProvisionedThroughput", throughput(index.readCapacity(), index.writeCapacity()));
        }
        TableStatistics.Counts counts = TableStatistics.count(
                catalog.state().keyspace(catalog.indexKeyspace(scope, table.name(), index.name())));
        out.put("IndexSizeBytes", counts.bytes());
        out.put("ItemCount", counts.items());
        out.put("IndexArn", table.arn() + "/index/" + index.name());
        return out;
    }

    private static Map<String, Object> throughput(long read, long write) {
        return Map.of("NumberOfDecreasesToday", 0L, "ReadCapacityUnits", read, "WriteCapacityUnits", write);
    }
}
