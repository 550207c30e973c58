package dev.cloudjar.dynamodb.item;

import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.Output;
import dev.cloudjar.core.spi.RequestContext;
import dev.cloudjar.dynamodb.DynamoDbErrors;
import dev.cloudjar.dynamodb.capacity.Capacity;
import dev.cloudjar.dynamodb.expression.Condition;
import dev.cloudjar.dynamodb.expression.Documents;
import dev.cloudjar.dynamodb.expression.LegacyParameters;
import dev.cloudjar.dynamodb.expression.Path;
import dev.cloudjar.dynamodb.expression.RequestExpressions;
import dev.cloudjar.dynamodb.expression.UpdateApplier;
import dev.cloudjar.dynamodb.expression.UpdateExpression;
import dev.cloudjar.dynamodb.table.TableCatalog;
import dev.cloudjar.dynamodb.table.TableDefinition;
import dev.cloudjar.dynamodb.table.TableOperations;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * PutItem, GetItem, UpdateItem, DeleteItem. A conditional write or an update reads, checks and
 * writes under the item's lock, so concurrent updates of one item never lose a write.
 */
public final class ItemOperations {
    private static final Set<String> PUT_DELETE_RETURN_VALUES = Set.of("NONE", "ALL_OLD");

    private final TableCatalog catalog;
    private final ItemStore store;
    private final ItemWriter writer;

    public ItemOperations(ItemStore store, ItemWriter writer) {
        this.catalog = store.catalog();
        this.store = store;
        this.writer = writer;
    }

    public Output getItem(RequestContext context, Input input) {
        TableDefinition table = TableOperations.require(catalog, context.scope(), input.string("TableName"));
        Map<String, AttributeValue> key = Keys.requireKey(table, WireValues.item(input.get("Key")));
        RequestExpressions.requireNotBoth(input, "AttributesToGet", "ProjectionExpression");
        RequestExpressions expressions = new RequestExpressions(input);
        List<Path> projection = projection(input, expressions);
        expressions.finish();
        boolean consistent = Boolean.TRUE.equals(input.bool("ConsistentRead"));
        writer.capacity().admitRead(context.scope(), table, null);
        Map<String, AttributeValue> item = writer.read(context.scope(), table, Keys.storageKey(table.keySchema(), key),
                consistent);
        Output out = Output.of("Item",
                item == null ? null : WireValues.wire(projection == null ? item : Documents.project(item, projection)));
        String mode = input.string("ReturnConsumedCapacity");
        // Sizing the item is most of a GetItem's own cost: only done when capacity is reported or enforced.
        if (Capacity.reported(mode) || writer.capacity().throttles(table)) {
            double units = Capacity.readUnits(item == null ? 0 : ItemSize.of(item), consistent);
            writer.capacity().chargeRead(context.scope(), table, null, units);
            out.put("ConsumedCapacity", Capacity.consumed(mode, table.name(), units, 0, Map.of(), Map.of()));
        }
        return out;
    }

    static List<Path> projection(Input input, RequestExpressions expressions) {
        List<Path> projection = expressions.projection();
        return projection != null ? projection : LegacyParameters.attributesToGet(input.list("AttributesToGet"));
    }

    public Output putItem(RequestContext context, Input input) {
        TableDefinition table = TableOperations.require(catalog, context.scope(), input.string("TableName"));
        Map<String, AttributeValue> item = WireValues.item(input.get("Item"));
        Keys.requireValidItem(table, item);
        Condition condition = condition(input);
        String returnValues = putOrDeleteReturnValues(input);
        writer.capacity().admitWrite(context.scope(), table);
        ItemWriter.Result result = writer.write(context.scope(), table, item, condition,
                old -> item, failureItem(input));
        return writeOutput(context, input, table, item, returnValues, result, Set.of());
    }

    public Output deleteItem(RequestContext context, Input input) {
        TableDefinition table = TableOperations.require(catalog, context.scope(), input.string("TableName"));
        Map<String, AttributeValue> key = Keys.requireKey(table, WireValues.item(input.get("Key")));
        Condition condition = condition(input);
        String returnValues = putOrDeleteReturnValues(input);
        writer.capacity().admitWrite(context.scope(), table);
        ItemWriter.Result result = writer.write(context.scope(), table, key, condition, old -> null, failureItem(input));
        return writeOutput(context, input, table, key, returnValues, result, Set.of());
    }

    public Output updateItem(RequestContext context, Input input) {
        TableDefinition table = TableOperations.require(catalog, context.scope(), input.string("TableName"));
        Map<String, AttributeValue> key = Keys.requireKey(table, WireValues.item(input.get("Key")));
        RequestExpressions.requireNotBoth(input, "Expected", "ConditionExpression");
        RequestExpressions.requireNotBoth(input, "AttributeUpdates", "UpdateExpression");
        RequestExpressions expressions = new RequestExpressions(input);
        UpdateExpression update = expressions.update();
        if (update == null) {
            update = LegacyParameters.attributeUpdates(input.map("AttributeUpdates"));
        }
        Condition condition = expressions.condition("ConditionExpression");
        expressions.finish();
        if (condition == null) {
            condition = LegacyParameters.expected(input.map("Expected"), input.string("ConditionalOperator"));
        }
        requireKeyUntouched(table, update);
        String returnValues = returnValues(input);
        UpdateExpression actions = update;
        writer.capacity().admitWrite(context.scope(), table);
        ItemWriter.Result result = writer.write(context.scope(), table, key, condition, old -> {
            Map<String, AttributeValue> base = old == null ? key : old;
            Map<String, AttributeValue> updated = actions == null ? base : UpdateApplier.apply(actions, base);
            Keys.requireUpdatedItemSize(updated);
            Keys.requireItemValues(table, updated, true);
            Keys.requireItemTypes(table, updated);
            return updated;
        }, failureItem(input));
        Set<Path> updatedPaths = new java.util.LinkedHashSet<>();
        if (update != null) {
            update.actions().forEach(a -> updatedPaths.add(a.path()));
        }
        return writeOutput(context, input, table, key, returnValues, result, updatedPaths);
    }

    private static void requireKeyUntouched(TableDefinition table, UpdateExpression update) {
        if (update == null) {
            return;
        }
        for (UpdateExpression.Action action : update.actions()) {
            if (table.keySchema().isKey(action.path().attribute())) {
                throw DynamoDbErrors.invalidParameter("Cannot update attribute " + action.path().attribute()
                        + ". This attribute is part of the key");
            }
        }
    }

    /** ConditionExpression or the legacy Expected of a PutItem or DeleteItem. */
    private static Condition condition(Input input) {
        RequestExpressions.requireNotBoth(input, "Expected", "ConditionExpression");
        RequestExpressions expressions = new RequestExpressions(input);
        Condition condition = expressions.condition("ConditionExpression");
        expressions.finish();
        return condition != null ? condition
                : LegacyParameters.expected(input.map("Expected"), input.string("ConditionalOperator"));
    }

    private static String returnValues(Input input) {
        return input.has("ReturnValues") ? input.string("ReturnValues") : "NONE";
    }

    /** PutItem and DeleteItem have no new image, so only NONE and ALL_OLD (the model allows all five). */
    private static String putOrDeleteReturnValues(Input input) {
        String returnValues = returnValues(input);
        if (!PUT_DELETE_RETURN_VALUES.contains(returnValues)) {
            throw DynamoDbErrors.validation("ReturnValues can only be ALL_OLD or NONE");
        }
        return returnValues;
    }

    static boolean failureItem(Input input) {
        return "ALL_OLD".equals(input.string("ReturnValuesOnConditionCheckFailure"));
    }

    private Output writeOutput(RequestContext context, Input input, TableDefinition table,
                               Map<String, AttributeValue> keyOrItem, String returnValues, ItemWriter.Result result,
                               Set<Path> updatedPaths) {
        WriteCost cost = WriteCost.of(table, result, 1);
        cost.charge(writer.capacity(), context.scope(), table);
        Map<String, AttributeValue> attributes = switch (returnValues) {
            case "ALL_OLD" -> result.before();
            case "ALL_NEW" -> result.after();
            case "UPDATED_OLD" -> result.before() == null ? null : Documents.project(result.before(), List.copyOf(updatedPaths));
            case "UPDATED_NEW" -> result.after() == null ? null : Documents.project(result.after(), List.copyOf(updatedPaths));
            default -> null;
        };
        return Output.empty()
                .put("Attributes", attributes == null || attributes.isEmpty() ? null : WireValues.wire(attributes))
                .put("ConsumedCapacity", cost.consumed(input.string("ReturnConsumedCapacity"), table.name()))
                .put("ItemCollectionMetrics",
                        ItemCollectionMetrics.of(input.string("ReturnItemCollectionMetrics"), table, keyOrItem));
    }
}
