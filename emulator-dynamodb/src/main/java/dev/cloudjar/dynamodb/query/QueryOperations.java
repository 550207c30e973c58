package dev.cloudjar.dynamodb.query;

import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.Output;
import dev.cloudjar.core.spi.RequestContext;
import dev.cloudjar.core.spi.storage.Entry;
import dev.cloudjar.core.spi.storage.Keyspace;
import dev.cloudjar.dynamodb.DynamoDbErrors;
import dev.cloudjar.dynamodb.capacity.Capacity;
import dev.cloudjar.dynamodb.expression.Condition;
import dev.cloudjar.dynamodb.expression.ConditionEvaluator;
import dev.cloudjar.dynamodb.expression.Documents;
import dev.cloudjar.dynamodb.expression.LegacyParameters;
import dev.cloudjar.dynamodb.expression.Path;
import dev.cloudjar.dynamodb.expression.RequestExpressions;
import dev.cloudjar.dynamodb.item.AttributeValue;
import dev.cloudjar.dynamodb.item.ItemCodec;
import dev.cloudjar.dynamodb.item.ItemSize;
import dev.cloudjar.dynamodb.item.ItemStore;
import dev.cloudjar.dynamodb.item.ItemWriter;
import dev.cloudjar.dynamodb.item.Keys;
import dev.cloudjar.dynamodb.item.WireValues;
import dev.cloudjar.dynamodb.table.IndexDefinition;
import dev.cloudjar.dynamodb.table.KeySchema;
import dev.cloudjar.dynamodb.table.TableCatalog;
import dev.cloudjar.dynamodb.table.TableDefinition;
import dev.cloudjar.dynamodb.table.TableOperations;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Query and Scan on tables and secondary indexes. A page reads storage keys in order from the
 * start key and stops at Limit evaluated items or 1 MB, whichever comes first; the filter is applied
 * after that, so Count may be less than ScannedCount, as on AWS. A page costs in proportion to what
 * it reads, never to the table.
 */
public final class QueryOperations {
    private static final long MAX_PAGE_BYTES = 1024 * 1024;
    private static final int CHUNK = 256;

    private final TableCatalog catalog;
    private final ItemStore store;
    private final ItemWriter writer;

    public QueryOperations(ItemWriter writer) {
        this.writer = writer;
        this.store = writer.store();
        this.catalog = store.catalog();
    }

    /** What a Query or Scan reads: a table or one of its indexes, and the key range. */
    private record Target(TableDefinition table, IndexDefinition index, Keyspace keyspace) {
        KeySchema keySchema() {
            return index == null ? table.keySchema() : index.keySchema();
        }
    }

    public Output query(RequestContext context, Input input) {
        Target target = target(context, input);
        RequestExpressions.requireNotBoth(input, "KeyConditions", "KeyConditionExpression");
        RequestExpressions.requireNotBoth(input, "QueryFilter", "FilterExpression");
        RequestExpressions expressions = new RequestExpressions(input);
        Condition keyCondition = expressions.condition("KeyConditionExpression");
        Condition filter = expressions.condition("FilterExpression");
        List<Path> projection = projectionOf(input, expressions);
        expressions.finish();
        // Query words this in the "1 validation error detected" envelope in every region; Scan does not (yet).
        requireProjectionForSpecificAttributes(input, projection, "1 validation error detected: ");
        if (keyCondition == null) {
            keyCondition = LegacyParameters.conditions(input.map("KeyConditions"), null);
        }
        if (keyCondition == null) {
            throw DynamoDbErrors.validation("Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.");
        }
        if (filter == null) {
            filter = LegacyParameters.conditions(input.map("QueryFilter"), input.string("ConditionalOperator"));
        }
        requireNoKeyInFilter(input, target);
        KeyCondition range = KeyCondition.of(keyCondition, target.keySchema(), target.table().attributeTypes());
        boolean forward = !Boolean.FALSE.equals(input.bool("ScanIndexForward"));
        byte[] from = range.from();
        byte[] to = range.to();
        byte[] start = startKey(input, target, range.partition());
        if (start != null) {
            if (forward) {
                from = max(from, successor(start));
            } else {
                to = to == null ? start : min(to, start);
            }
        }
        Condition keyFilter = keyCondition;
        return page(context, input, target, from, to, forward, filter, projection,
                item -> ConditionEvaluator.test(keyFilter, item));
    }

    public Output scan(RequestContext context, Input input) {
        Target target = target(context, input);
        RequestExpressions.requireNotBoth(input, "ScanFilter", "FilterExpression");
        RequestExpressions expressions = new RequestExpressions(input);
        Condition filter = expressions.condition("FilterExpression");
        List<Path> projection = projectionOf(input, expressions);
        expressions.finish();
        requireProjectionForSpecificAttributes(input, projection, "");
        if (filter == null) {
            filter = LegacyParameters.conditions(input.map("ScanFilter"), input.string("ConditionalOperator"));
        }
        byte[][] segment = segment(input);
        byte[] from = segment[0];
        byte[] start = startKey(input, target, null);
        if (start != null) {
            from = from == null ? successor(start) : max(from, successor(start));
        }
        return page(context, input, target, from, segment[1], true, filter, projection, item -> true);
    }

    private Target target(RequestContext context, Input input) {
        TableDefinition table = TableOperations.require(catalog, context.scope(), input.string("TableName"));
        String indexName = input.string("IndexName");
        if (indexName == null) {
            return new Target(table, null, catalog.items(context.scope(), table.name()));
        }
        IndexDefinition index = table.index(indexName);
        if (index == null) {
            throw DynamoDbErrors.validation("The table does not have the specified index: " + indexName);
        }
        if (index.global() && Boolean.TRUE.equals(input.bool("ConsistentRead"))) {
            throw DynamoDbErrors.validation("Consistent reads are not supported on global secondary indexes");
        }
        return new Target(table, index,
                catalog.state().keyspace(catalog.indexKeyspace(context.scope(), table.name(), indexName)));
    }

    private static List<Path> projectionOf(Input input, RequestExpressions expressions) {
        RequestExpressions.requireNotBoth(input, "AttributesToGet", "ProjectionExpression");
        List<Path> projection = expressions.projection();
        return projection != null ? projection : LegacyParameters.attributesToGet(input.list("AttributesToGet"));
    }

    private static void requireProjectionForSpecificAttributes(Input input, List<Path> projection, String envelope) {
        if ("SPECIFIC_ATTRIBUTES".equals(input.string("Select")) && projection == null) {
            throw DynamoDbErrors.validation(envelope + "Must specify the AttributesToGet or ProjectionExpression when "
                    + "choosing to get SPECIFIC_ATTRIBUTES");
        }
    }

    private static void requireNoKeyInFilter(Input input, Target target) {
        String filter = input.string("FilterExpression");
        if (filter == null) {
            return;
        }
        // AWS rejects key attributes in a Query's filter; the parsed filter names them as paths.
        for (String key : target.keySchema().attributes()) {
            if (java.util.regex.Pattern.compile("(^|[^#:\\w])" + java.util.regex.Pattern.quote(key) + "($|[^\\w])")
                    .matcher(filter).find() || namesAttribute(input, key, filter)) {
                throw DynamoDbErrors.validation("Filter Expression can only contain non-primary key attributes: "
                        + "Primary key attribute: " + key);
            }
        }
    }

    private static boolean namesAttribute(Input input, String attribute, String filter) {
        Map<String, Object> names = input.map("ExpressionAttributeNames");
        if (names == null) {
            return false;
        }
        return names.entrySet().stream().anyMatch(e -> attribute.equals(e.getValue())
                && java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(e.getKey()) + "($|[^\\w])")
                .matcher(filter).find());
    }

    /**
     * The storage key of ExclusiveStartKey, or null. AWS words a wrong start key three ways: bare when
     * a Query's or an index Scan's key has the wrong attributes, with the schema detail otherwise, and
     * apart when a Query's key lies in another partition.
     *
     * @param partition the Query's partition key value; null for a Scan
     */
    private static byte[] startKey(Input input, Target target, AttributeValue partition) {
        Map<String, AttributeValue> start = WireValues.item(input.get("ExclusiveStartKey"));
        if (start == null) {
            return null;
        }
        List<String> required = new ArrayList<>(target.table().keySchema().attributes());
        if (target.index() != null) {
            target.index().keySchema().attributes().stream().filter(a -> !required.contains(a)).forEach(required::add);
        }
        String invalid = "The provided starting key is invalid";
        String mismatch = invalid + ": The provided key element does not match the schema";
        if (start.size() != required.size() || !start.keySet().containsAll(required)) {
            throw DynamoDbErrors.validation(partition != null || target.index() != null ? invalid : mismatch);
        }
        for (String attribute : required) {
            if (!start.get(attribute).type().name().equals(target.table().attributeTypes().get(attribute))) {
                throw DynamoDbErrors.validation(mismatch);
            }
        }
        if (partition != null && !partition.equals(start.get(target.keySchema().hash()))) {
            throw DynamoDbErrors.validation(
                    "The provided starting key is outside query boundaries based on provided conditions");
        }
        byte[] tableKey = Keys.storageKey(target.table().keySchema(), start);
        return target.index() == null ? tableKey : ItemStore.indexKey(target.index(), tableKey, start);
    }

    /** Segment/TotalSegments as disjoint ranges of the first two key bytes. */
    private static byte[][] segment(Input input) {
        Integer segment = input.integer("Segment");
        Integer total = input.integer("TotalSegments");
        if (segment == null && total == null) {
            return new byte[2][];
        }
        if (total == null) {
            throw DynamoDbErrors.validation("The TotalSegments parameter is required but was not present in the "
                    + "request when Segment parameter is present");
        }
        if (segment == null) {
            throw DynamoDbErrors.validation("The Segment parameter is required but was not present in the request "
                    + "when parameter TotalSegments is present");
        }
        if (segment >= total) {
            throw DynamoDbErrors.validation("The Segment parameter is zero-based and must be less than parameter "
                    + "TotalSegments: Segment: " + segment + " is not less than TotalSegments: " + total);
        }
        return new byte[][]{bound(segment, total), segment + 1 == total ? null : bound(segment + 1, total)};
    }

    private static byte[] bound(int segment, int total) {
        if (segment == 0) {
            return null;
        }
        int at = (int) (65536L * segment / total);
        return new byte[]{(byte) (at >>> 8), (byte) at};
    }

    private Output page(RequestContext context, Input input, Target target, byte[] from, byte[] to, boolean forward,
                        Condition filter, List<Path> projection, java.util.function.Predicate<Map<String, AttributeValue>> inRange) {
        String select = select(input, target, projection);
        boolean consistent = Boolean.TRUE.equals(input.bool("ConsistentRead"));
        writer.capacity().admitRead(context.scope(), target.table(), target.index());
        int limit = input.has("Limit") ? input.integer("Limit") : Integer.MAX_VALUE;
        List<Map<String, Object>> items = new ArrayList<>();
        int scanned = 0;
        long bytes = 0;
        Map<String, AttributeValue> last = null;
        boolean more = true;
        while (more && scanned < limit && bytes < MAX_PAGE_BYTES) {
            int want = (int) Math.min(CHUNK, (long) limit - scanned);
            List<Entry> chunk = target.keyspace().scan(from, to, want, !forward);
            more = chunk.size() == want;
            for (Entry entry : chunk) {
                if (scanned >= limit || bytes >= MAX_PAGE_BYTES) {
                    more = true;
                    break;
                }
                Map<String, AttributeValue> item = visible(context, target, ItemCodec.decode(entry.value()), consistent);
                byte[] key = entry.key();
                if (forward) {
                    from = successor(key);
                } else {
                    to = key;
                }
                if (item == null || !inRange.test(item)) {
                    continue;
                }
                scanned++;
                bytes += ItemSize.of(item);
                last = item;
                if (filter == null || ConditionEvaluator.test(filter, item)) {
                    items.add(output(context, target, item, select, projection));
                }
            }
        }
        boolean truncated = more && last != null;
        double units = Capacity.readUnits(bytes, consistent);
        writer.capacity().chargeRead(context.scope(), target.table(), target.index(), units);
        Output out = Output.empty();
        if (!select.equals("COUNT")) {
            out.put("Items", items);
        }
        return out.put("Count", items.size())
                .put("ScannedCount", scanned)
                .put("LastEvaluatedKey", truncated ? WireValues.wire(lastEvaluatedKey(target, last)) : null)
                .put("ConsumedCapacity", consumed(input, target, units));
    }

    /** The item as this read sees it: as of the consistency lag, and only if still in the index. */
    private Map<String, AttributeValue> visible(RequestContext context, Target target, Map<String, AttributeValue> item,
                                                boolean consistent) {
        if (consistent || !writer.eventual().enabled()) {
            return item;
        }
        byte[] tableKey = Keys.storageKey(target.table().keySchema(), item);
        Map<String, AttributeValue> current = store.get(context.scope(), target.table(), tableKey);
        Map<String, AttributeValue> seen = writer.eventual().asSeen(context.scope(), target.table(), tableKey, current);
        if (seen == null || target.index() == null) {
            return seen;
        }
        return Keys.inIndex(target.index(), seen) ? ItemStore.project(target.table(), target.index(), seen) : null;
    }

    private static String select(Input input, Target target, List<Path> projection) {
        String select = input.string("Select");
        if (select == null) {
            return projection != null ? "SPECIFIC_ATTRIBUTES" : target.index() == null ? "ALL_ATTRIBUTES" : "ALL_PROJECTED_ATTRIBUTES";
        }
        if (projection != null && !select.equals("SPECIFIC_ATTRIBUTES")) {
            throw DynamoDbErrors.validation("Cannot specify the ProjectionExpression when choosing to get " + select);
        }
        if (select.equals("ALL_PROJECTED_ATTRIBUTES") && target.index() == null) {
            throw DynamoDbErrors.validation("ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName");
        }
        if (select.equals("ALL_ATTRIBUTES") && target.index() != null && target.index().global()
                && !target.index().projectsAll()) {
            throw DynamoDbErrors.invalidParameter("Select type ALL_ATTRIBUTES is not supported for global secondary "
                    + "index " + target.index().name() + " because its projection type is not ALL");
        }
        return select;
    }

    private Map<String, Object> output(RequestContext context, Target target, Map<String, AttributeValue> item,
                                       String select, List<Path> projection) {
        if (select.equals("COUNT")) {
            return null;
        }
        Map<String, AttributeValue> full = item;
        if (select.equals("ALL_ATTRIBUTES") && target.index() != null && !target.index().projectsAll()) {
            // A local index fetches the rest of the item from the table, as AWS does (at extra cost).
            Map<String, AttributeValue> fromTable = store.get(context.scope(), target.table(),
                    Keys.storageKey(target.table().keySchema(), item));
            full = fromTable == null ? item : fromTable;
        }
        return WireValues.wire(projection == null ? full : Documents.project(full, projection));
    }

    private static Map<String, AttributeValue> lastEvaluatedKey(Target target, Map<String, AttributeValue> item) {
        Map<String, AttributeValue> key = new LinkedHashMap<>(Keys.keyOf(target.table().keySchema(), item));
        if (target.index() != null) {
            key.putAll(Keys.keyOf(target.index().keySchema(), item));
        }
        return key;
    }

    private static Map<String, Object> consumed(Input input, Target target, double units) {
        IndexDefinition index = target.index();
        return Capacity.consumedByRead(input.string("ReturnConsumedCapacity"), target.table().name(),
                index == null ? null : index.name(), index != null && index.global(), units);
    }

    private static byte[] successor(byte[] key) {
        return Arrays.copyOf(key, key.length + 1);
    }

    private static byte[] max(byte[] a, byte[] b) {
        return a == null ? b : Arrays.compareUnsigned(a, b) >= 0 ? a : b;
    }

    private static byte[] min(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b) <= 0 ? a : b;
    }
}
