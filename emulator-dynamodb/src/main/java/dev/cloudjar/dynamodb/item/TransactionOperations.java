package dev.cloudjar.dynamodb.item;

import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.Output;
import dev.cloudjar.core.spi.RequestContext;
import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.core.spi.StripedLocks;
import dev.cloudjar.core.spi.storage.WriteBatch;
import dev.cloudjar.dynamodb.DynamoDbErrors;
import dev.cloudjar.dynamodb.capacity.Capacity;
import dev.cloudjar.dynamodb.expression.Condition;
import dev.cloudjar.dynamodb.expression.ConditionEvaluator;
import dev.cloudjar.dynamodb.expression.Documents;
import dev.cloudjar.dynamodb.expression.Path;
import dev.cloudjar.dynamodb.expression.RequestExpressions;
import dev.cloudjar.dynamodb.expression.UpdateApplier;
import dev.cloudjar.dynamodb.expression.UpdateExpression;
import dev.cloudjar.dynamodb.table.TableCatalog;
import dev.cloudjar.dynamodb.table.TableDefinition;
import dev.cloudjar.dynamodb.table.TableOperations;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * TransactWriteItems and TransactGetItems: all items of a transaction are locked (in stripe
 * order), every condition is checked, then every change is applied in one atomic write batch.
 * A ClientRequestToken makes a TransactWriteItems idempotent for ten minutes.
 */
public final class TransactionOperations {
    private static final long TOKEN_LIFETIME_MILLIS = 10 * 60 * 1000;

    /**
     * One action of a transaction, resolved against its table.
     *
     * @param invalid why the key or item does not fit the table's schema (the action's ValidationError
     *                reason), or null; an invalid action has no storage key
     */
    private record Action(String kind, TableDefinition table, Map<String, AttributeValue> key, byte[] storageKey,
                          Condition condition, Map<String, AttributeValue> putItem, UpdateExpression update,
                          boolean returnItem, String invalid) {
    }

    /** One Get of a TransactGetItems, with its ValidationError reason when its key does not fit the schema. */
    private record Get(TableDefinition table, byte[] storageKey, List<Path> projection, String invalid) {
    }

    private record Token(String requestId, Map<String, Object> request, long at) {
    }

    private final TableCatalog catalog;
    private final ItemWriter writer;
    private final LongSupplier clock;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();

    public TransactionOperations(ItemWriter writer, LongSupplier clock) {
        this.writer = writer;
        this.catalog = writer.store().catalog();
        this.clock = clock;
    }

    public Output transactWriteItems(RequestContext context, Input input) {
        String token = input.string("ClientRequestToken");
        if (token != null && replayed(context.scope(), token, input)) {
            return Output.empty();
        }
        try {
            return transact(context, input);
        } catch (RuntimeException e) {
            // Only a transaction that happened makes its token a replay: one that failed (invalid,
            // canceled, throttled) may be sent again with the same token and must then run.
            if (token != null) {
                tokens.remove(tokenKey(context.scope(), token));
            }
            throw e;
        }
    }

    private Output transact(RequestContext context, Input input) {
        List<Action> actions = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Object o : input.list("TransactItems")) {
            Action action = action(context.scope(), new Input(map(o)));
            if (action.invalid() == null
                    && !seen.add(action.table().name() + "/" + java.util.HexFormat.of().formatHex(action.storageKey()))) {
                throw DynamoDbErrors.validation("Transaction request cannot include multiple operations on one item");
            }
            actions.add(action);
        }
        actions.stream().map(Action::table).distinct()
                .forEach(table -> writer.capacity().admitWrite(context.scope(), table));
        List<ItemWriter.Result> results = execute(context.scope(), actions);
        ConsumedByTable consumed = new ConsumedByTable();
        Map<String, Object> collectionMetrics = new LinkedHashMap<>();
        String metricsMode = input.string("ReturnItemCollectionMetrics");
        for (int i = 0; i < actions.size(); i++) {
            Action action = actions.get(i);
            ItemWriter.Result result = results.get(i);
            if (action.kind().equals("ConditionCheck")) {
                consumed.read(action.table().name(), transactionalReadUnits(result.before()));
            } else {
                consumed.write(action.table().name(), WriteCost.of(action.table(), result, 2));
                ItemCollectionMetrics.add(collectionMetrics, metricsMode, action.table(), action.key());
            }
        }
        return Output.of("ConsumedCapacity", consumed.consumed(input.string("ReturnConsumedCapacity")))
                .put("ItemCollectionMetrics", collectionMetrics.isEmpty() ? null : collectionMetrics);
    }

    /** A transactional read costs two strongly consistent reads. */
    private static double transactionalReadUnits(Map<String, AttributeValue> item) {
        return 2 * Capacity.readUnits(item == null ? 0 : ItemSize.of(item), true);
    }

    private boolean replayed(Scope scope, String token, Input input) {
        long now = clock.getAsLong();
        tokens.values().removeIf(t -> t.at() < now - TOKEN_LIFETIME_MILLIS);
        String key = tokenKey(scope, token);
        Map<String, Object> request = new LinkedHashMap<>(input.members());
        request.remove("ClientRequestToken");
        request.remove("ReturnConsumedCapacity");
        Token previous = tokens.putIfAbsent(key, new Token(token, request, now));
        if (previous == null) {
            return false;
        }
        if (!deepEquals(previous.request(), request)) {
            throw AwsException.client("IdempotentParameterMismatchException",
                    "Request with the same client token was received with different parameters");
        }
        return true;
    }

    private static String tokenKey(Scope scope, String token) {
        return scope.accountId() + "/" + scope.region() + "/" + token;
    }

    private static boolean deepEquals(Object a, Object b) {
        return java.util.Objects.deepEquals(normalize(a), normalize(b));
    }

    private static Object normalize(Object o) {
        if (o instanceof byte[] bytes) {
            return java.util.HexFormat.of().formatHex(bytes);
        }
        if (o instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(k, normalize(v)));
            return out;
        }
        if (o instanceof List<?> l) {
            return l.stream().map(TransactionOperations::normalize).toList();
        }
        return o;
    }

    private Action action(Scope scope, Input item) {
        String[] kinds = {"ConditionCheck", "Put", "Delete", "Update"};
        String kind = null;
        for (String k : kinds) {
            if (item.has(k)) {
                if (kind != null) {
                    throw DynamoDbErrors.validation("TransactItems can only contain one of Check, Put, Update or Delete");
                }
                kind = k;
            }
        }
        if (kind == null) {
            throw DynamoDbErrors.validation("TransactItems can only contain one of Check, Put, Update or Delete");
        }
        Input spec = item.structure(kind);
        TableDefinition table = TableOperations.require(catalog, scope, spec.string("TableName"));
        RequestExpressions expressions = new RequestExpressions(spec);
        Condition condition = expressions.condition("ConditionExpression");
        UpdateExpression update = kind.equals("Update") ? expressions.update() : null;
        expressions.finish();
        if (kind.equals("ConditionCheck") && condition == null) {
            throw DynamoDbErrors.validation("The ConditionExpression parameter is required for a ConditionCheck");
        }
        // The request-level checks throw; a key or item that does not fit the schema cancels the
        // transaction with a ValidationError reason instead, as on AWS.
        Map<String, AttributeValue> putItem = kind.equals("Put") ? WireValues.item(spec.get("Item")) : null;
        Map<String, AttributeValue> key;
        String invalid;
        if (putItem != null) {
            Keys.requireItemValues(table, putItem, false);
            Keys.requireItemSize(putItem);
            key = Keys.keyOf(table.keySchema(), putItem);
            invalid = schemaMismatch(() -> Keys.requireItemTypes(table, putItem));
        } else {
            key = WireValues.item(spec.get("Key"));
            Keys.requireKeyValues(table, key);
            invalid = schemaMismatch(() -> Keys.requireKeyMatchesSchema(table, key));
        }
        if (update != null) {
            for (UpdateExpression.Action a : update.actions()) {
                if (table.keySchema().isKey(a.path().attribute())) {
                    throw DynamoDbErrors.invalidParameter("Cannot update attribute " + a.path().attribute()
                            + ". This attribute is part of the key");
                }
            }
        }
        return new Action(kind, table, key, invalid == null ? Keys.storageKey(table.keySchema(), key) : null,
                condition, putItem, update, "ALL_OLD".equals(spec.string("ReturnValuesOnConditionCheckFailure")), invalid);
    }

    /** The message of the schema check's failure, or null when it passes. */
    private static String schemaMismatch(Runnable check) {
        try {
            check.run();
            return null;
        } catch (AwsException e) {
            return e.getMessage();
        }
    }

    /** Applies the actions atomically; the item before and after each action. */
    private List<ItemWriter.Result> execute(Scope scope, List<Action> actions) {
        ItemStore store = writer.store();
        List<Integer> stripes = actions.stream().filter(a -> a.invalid() == null)
                .map(a -> store.stripe(scope, a.table(), a.storageKey())).toList();
        List<Map<String, AttributeValue>> befores = new ArrayList<>();
        List<Map<String, AttributeValue>> afters = new ArrayList<>();
        try (StripedLocks.Held ignored = store.locks().lock(stripes)) {
            List<Map<String, Object>> reasons = new ArrayList<>();
            boolean failed = false;
            for (Action action : actions) {
                if (action.invalid() != null) {
                    befores.add(null);
                    afters.add(null);
                    reasons.add(validationError(action.invalid()));
                    failed = true;
                    continue;
                }
                Map<String, AttributeValue> before = store.get(scope, action.table(), action.storageKey());
                befores.add(before);
                Map<String, Object> reason = new LinkedHashMap<>();
                try {
                    if (action.condition() != null
                            && !ConditionEvaluator.test(action.condition(), before == null ? Map.of() : before)) {
                        reason.put("Code", "ConditionalCheckFailed");
                        reason.put("Message", "The conditional request failed");
                        if (action.returnItem() && before != null) {
                            reason.put("Item", WireValues.wire(before));
                        }
                        failed = true;
                    }
                    afters.add(after(action, before));
                } catch (AwsException e) {
                    reason = validationError(e.getMessage());
                    afters.add(null);
                    failed = true;
                }
                Map<String, AttributeValue> after = afters.get(afters.size() - 1);
                if (action.update() != null && after != null) {
                    // An update emptying an index key fails the whole request, as a Put's would.
                    Keys.requireItemValues(action.table(), after, true);
                }
                if (reason.isEmpty()) {
                    reason.put("Code", "None");
                }
                reasons.add(reason);
            }
            if (failed) {
                throw canceled(reasons);
            }
            WriteBatch batch = new WriteBatch();
            for (int i = 0; i < actions.size(); i++) {
                Action action = actions.get(i);
                if (!action.kind().equals("ConditionCheck") && (befores.get(i) != null || afters.get(i) != null)) {
                    writer.eventual().remember(scope, action.table(), action.storageKey(), befores.get(i));
                    store.stage(batch, scope, action.table(), action.storageKey(), befores.get(i), afters.get(i));
                }
            }
            catalog.state().apply(batch);
            List<ItemWriter.Result> results = new ArrayList<>();
            for (int i = 0; i < actions.size(); i++) {
                ItemWriter.Result result = new ItemWriter.Result(befores.get(i), afters.get(i));
                results.add(result);
                if (!actions.get(i).kind().equals("ConditionCheck")) {
                    WriteCost.of(actions.get(i).table(), result, 2).charge(writer.capacity(), scope, actions.get(i).table());
                    writer.listener().changed(scope, actions.get(i).table(), befores.get(i), afters.get(i), false);
                }
            }
            return results;
        }
    }

    private static Map<String, Object> validationError(String message) {
        Map<String, Object> reason = new LinkedHashMap<>();
        reason.put("Code", "ValidationError");
        reason.put("Message", message);
        return reason;
    }

    private static Map<String, AttributeValue> after(Action action, Map<String, AttributeValue> before) {
        return switch (action.kind()) {
            case "Put" -> action.putItem();
            case "Delete" -> null;
            case "Update" -> {
                Map<String, AttributeValue> base = before == null ? action.key() : before;
                Map<String, AttributeValue> updated = action.update() == null ? base
                        : UpdateApplier.apply(action.update(), base);
                Keys.requireItemTypes(action.table(), updated);
                Keys.requireUpdatedItemSize(updated);
                yield updated;
            }
            default -> before;
        };
    }

    private static AwsException canceled(List<Map<String, Object>> reasons) {
        List<String> codes = reasons.stream().map(r -> (String) r.get("Code")).toList();
        return AwsException.client("TransactionCanceledException",
                        "Transaction cancelled, please refer cancellation reasons for specific reasons "
                                + codes)
                .with("CancellationReasons", reasons);
    }

    public Output transactGetItems(RequestContext context, Input input) {
        List<Get> gets = new ArrayList<>();
        for (Object o : input.list("TransactItems")) {
            Input get = new Input(map(o)).structure("Get");
            TableDefinition table = TableOperations.require(catalog, context.scope(), get.string("TableName"));
            Map<String, AttributeValue> key = WireValues.item(get.get("Key"));
            Keys.requireKeyValues(table, key);
            String invalid = schemaMismatch(() -> Keys.requireKeyMatchesSchema(table, key));
            RequestExpressions expressions = new RequestExpressions(get);
            List<Path> projection = expressions.projection();
            expressions.finish();
            gets.add(new Get(table, invalid == null ? Keys.storageKey(table.keySchema(), key) : null, projection, invalid));
        }
        if (gets.stream().anyMatch(g -> g.invalid() != null)) {
            throw canceled(gets.stream().map(g -> g.invalid() == null ? Map.<String, Object>of("Code", "None")
                    : validationError(g.invalid())).toList());
        }
        gets.stream().map(Get::table).distinct()
                .forEach(table -> writer.capacity().admitRead(context.scope(), table, null));
        ItemStore store = writer.store();
        List<Integer> stripes = gets.stream()
                .map(g -> store.stripe(context.scope(), g.table(), g.storageKey())).toList();
        List<Object> responses = new ArrayList<>();
        ConsumedByTable consumed = new ConsumedByTable();
        try (StripedLocks.Held ignored = store.locks().lock(stripes)) {
            for (Get g : gets) {
                Map<String, AttributeValue> item = store.get(context.scope(), g.table(), g.storageKey());
                double units = transactionalReadUnits(item);
                writer.capacity().chargeRead(context.scope(), g.table(), null, units);
                consumed.read(g.table().name(), units);
                List<Path> projection = g.projection();
                responses.add(item == null ? Map.of()
                        : Map.of("Item", WireValues.wire(projection == null ? item : Documents.project(item, projection))));
            }
        }
        return Output.of("Responses", responses)
                .put("ConsumedCapacity", consumed.consumed(input.string("ReturnConsumedCapacity")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }
}
