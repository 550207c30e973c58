package dev.cloudjar.dynamodb.partiql;

import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.Output;
import dev.cloudjar.core.spi.RequestContext;
import dev.cloudjar.dynamodb.DynamoDbErrors;
import dev.cloudjar.dynamodb.item.ItemCodec;
import dev.cloudjar.dynamodb.item.ItemOperations;
import dev.cloudjar.dynamodb.item.TransactionOperations;
import dev.cloudjar.dynamodb.item.WireValues;
import dev.cloudjar.dynamodb.partiql.PartiqlAst.And;
import dev.cloudjar.dynamodb.partiql.PartiqlAst.Between;
import dev.cloudjar.dynamodb.partiql.PartiqlAst.Comparison;
import dev.cloudjar.dynamodb.partiql.PartiqlAst.Condition;
import dev.cloudjar.dynamodb.partiql.PartiqlAst.Delete;
import dev.cloudjar.dynamodb.partiql.PartiqlAst.Insert;
import dev.cloudjar.dynamodb.partiql.PartiqlAst.Path;
import dev.cloudjar.dynamodb.partiql.PartiqlAst.Predicate;
import dev.cloudjar.dynamodb.partiql.PartiqlAst.Select;
import dev.cloudjar.dynamodb.partiql.PartiqlAst.Statement;
import dev.cloudjar.dynamodb.partiql.PartiqlAst.Update;
import dev.cloudjar.dynamodb.partiql.PartiqlAst.Value;
import dev.cloudjar.dynamodb.query.QueryOperations;
import dev.cloudjar.dynamodb.table.KeySchema;
import dev.cloudjar.dynamodb.table.TableCatalog;
import dev.cloudjar.dynamodb.table.TableDefinition;
import dev.cloudjar.dynamodb.table.TableOperations;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * ExecuteStatement, BatchExecuteStatement and ExecuteTransaction. Each statement becomes the
 * request of the equivalent item, query or transaction API (its WHERE clause rendered in
 * DynamoDB's expression language), so PartiQL and the other APIs behave the same: a SELECT whose
 * WHERE fixes the partition key is a Query, any other SELECT a Scan; UPDATE and DELETE need the
 * full key and fail on a missing item; INSERT fails on an existing one.
 */
public final class PartiqlOperations {
    private static final int MAX_BATCH = 25;
    private static final int MAX_TRANSACTION = 100;
    private static final Set<String> SORT_KEY_COMPARATORS = Set.of("=", "<", "<=", ">", ">=");

    private final TableCatalog catalog;
    private final ItemOperations items;
    private final QueryOperations queries;
    private final TransactionOperations transactions;

    public PartiqlOperations(TableCatalog catalog, ItemOperations items, QueryOperations queries,
                             TransactionOperations transactions) {
        this.catalog = catalog;
        this.items = items;
        this.queries = queries;
        this.transactions = transactions;
    }

    public Output executeStatement(RequestContext context, Input input) {
        Statement statement = PartiqlParser.parse(input.string("Statement"), input.list("Parameters"));
        if (statement instanceof Select select) {
            return select(context, select, input);
        }
        write(context, statement, input.string("ReturnValuesOnConditionCheckFailure"));
        return Output.of("Items", List.of());
    }

    @SuppressWarnings("unchecked")
    public Output batchExecuteStatement(RequestContext context, Input input) {
        List<Object> requests = input.list("Statements");
        if (requests.size() > MAX_BATCH) {
            throw DynamoDbErrors.validation("1 validation error detected: Value at 'statements' failed to satisfy "
                    + "constraint: Member must have length less than or equal to " + MAX_BATCH);
        }
        List<Object> responses = new ArrayList<>();
        for (Object r : requests) {
            Input request = new Input((Map<String, Object>) r);
            Map<String, Object> response = new LinkedHashMap<>();
            try {
                Statement statement = PartiqlParser.parse(request.string("Statement"), request.list("Parameters"));
                response.put("TableName", statement.table());
                if (statement instanceof Select select) {
                    Map<String, Object> get = getRequest(context, select);
                    get.put("ConsistentRead", request.bool("ConsistentRead"));
                    Object item = items.getItem(context, new Input(get)).members().get("Item");
                    if (item != null) {
                        response.put("Item", item);
                    }
                } else {
                    write(context, statement, request.string("ReturnValuesOnConditionCheckFailure"));
                }
            } catch (AwsException e) {
                response.put("Error", batchError(e));
            }
            responses.add(response);
        }
        return Output.of("Responses", responses);
    }

    @SuppressWarnings("unchecked")
    public Output executeTransaction(RequestContext context, Input input) {
        List<Object> requests = input.list("TransactStatements");
        if (requests.size() > MAX_TRANSACTION) {
            throw DynamoDbErrors.validation("Member must have length less than or equal to " + MAX_TRANSACTION);
        }
        List<Statement> statements = new ArrayList<>();
        List<String> failureReturns = new ArrayList<>();
        for (Object r : requests) {
            Input request = new Input((Map<String, Object>) r);
            statements.add(PartiqlParser.parse(request.string("Statement"), request.list("Parameters")));
            failureReturns.add(request.string("ReturnValuesOnConditionCheckFailure"));
        }
        long reads = statements.stream().filter(s -> s instanceof Select).count();
        if (reads > 0 && reads < statements.size()) {
            throw DynamoDbErrors.validation("Transaction must contain either all read statements or all write statements");
        }
        if (reads > 0) {
            List<Object> gets = statements.stream()
                    .map(s -> (Object) Map.of("Get", getRequest(context, (Select) s))).toList();
            Output out = transactions.transactGetItems(context, new Input(Map.of("TransactItems", gets)));
            return Output.of("Responses", out.members().get("Responses"));
        }
        List<Object> writes = new ArrayList<>();
        for (int i = 0; i < statements.size(); i++) {
            Statement statement = statements.get(i);
            Map<String, Object> request = writeRequest(context, statement);
            if (failureReturns.get(i) != null) {
                request.put("ReturnValuesOnConditionCheckFailure", failureReturns.get(i));
            }
            String kind = statement instanceof Insert ? "Put" : statement instanceof Update ? "Update" : "Delete";
            writes.add(Map.of(kind, request));
        }
        Map<String, Object> transaction = new LinkedHashMap<>();
        transaction.put("TransactItems", writes);
        if (input.string("ClientRequestToken") != null) {
            transaction.put("ClientRequestToken", input.string("ClientRequestToken"));
        }
        transactions.transactWriteItems(context, new Input(transaction));
        return Output.empty();
    }

    private Output select(RequestContext context, Select select, Input input) {
        TableDefinition table = TableOperations.require(catalog, context.scope(), select.table());
        KeySchema targetKey = table.keySchema();
        if (select.index() != null) {
            if (table.index(select.index()) == null) {
                throw DynamoDbErrors.validation("The table does not have the specified index: " + select.index());
            }
            targetKey = table.index(select.index()).keySchema();
        }
        ExpressionRenderer renderer = new ExpressionRenderer();
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("TableName", table.name());
        request.put("IndexName", select.index());
        request.put("ConsistentRead", input.bool("ConsistentRead"));
        request.put("Limit", input.integer("Limit"));
        request.put("ReturnConsumedCapacity", input.string("ReturnConsumedCapacity"));
        request.put("ExclusiveStartKey", startKey(input.string("NextToken")));
        if (!select.projection().isEmpty()) {
            request.put("ProjectionExpression",
                    select.projection().stream().map(renderer::path).collect(Collectors.joining(", ")));
        }
        List<Condition> terms = conjuncts(select.where());
        Condition partition = partitionEquality(terms, targetKey.hash());
        Set<String> keyAttributes = new java.util.HashSet<>(table.keySchema().attributes());
        keyAttributes.addAll(targetKey.attributes());
        List<Condition> filter = new ArrayList<>(terms);
        boolean query = partition != null;
        if (query) {
            filter.remove(partition);
            Condition sort = targetKey.hasRange() ? sortKeyCondition(filter, targetKey.range()) : null;
            filter.remove(sort);
            // A Query's filter may not name key attributes; such statements run as a Scan, as the filter holds.
            query = filter.stream().noneMatch(c -> references(c, keyAttributes));
            if (query) {
                request.put("KeyConditionExpression", renderer.condition(sort == null ? partition
                        : new And(List.of(partition, sort))));
            } else {
                filter = terms;
            }
        }
        if (!filter.isEmpty()) {
            request.put("FilterExpression", renderer.condition(filter.size() == 1 ? filter.get(0) : new And(filter)));
        }
        request.values().removeIf(java.util.Objects::isNull);
        renderer.addTo(request);
        Map<String, Object> out = (query ? queries.query(context, new Input(request))
                : queries.scan(context, new Input(request))).members();
        @SuppressWarnings("unchecked")
        Map<String, Object> lastEvaluated = (Map<String, Object>) out.get("LastEvaluatedKey");
        return Output.of("Items", out.get("Items"))
                .put("NextToken", lastEvaluated == null ? null : nextToken(lastEvaluated))
                .put("LastEvaluatedKey", lastEvaluated)
                .put("ConsumedCapacity", out.get("ConsumedCapacity"));
    }

    private void write(RequestContext context, Statement statement, String returnOnFailure) {
        Map<String, Object> request = writeRequest(context, statement);
        if (returnOnFailure != null) {
            request.put("ReturnValuesOnConditionCheckFailure", returnOnFailure);
        }
        if (statement instanceof Insert) {
            try {
                items.putItem(context, new Input(request));
            } catch (AwsException e) {
                if (e.code().equals("ConditionalCheckFailedException")) {
                    throw AwsException.client("DuplicateItemException", "Duplicate primary key exists in table");
                }
                throw e;
            }
        } else if (statement instanceof Update) {
            items.updateItem(context, new Input(request));
        } else {
            items.deleteItem(context, new Input(request));
        }
    }

    /** The PutItem, UpdateItem or DeleteItem request of a write statement (also a transaction item). */
    private Map<String, Object> writeRequest(RequestContext context, Statement statement) {
        TableDefinition table = TableOperations.require(catalog, context.scope(), statement.table());
        ExpressionRenderer renderer = new ExpressionRenderer();
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("TableName", table.name());
        if (statement instanceof Insert insert) {
            request.put("Item", insert.item());
            request.put("ConditionExpression", "attribute_not_exists(" + renderer.name(table.keySchema().hash()) + ")");
            return renderer.addTo(request);
        }
        Condition where = statement instanceof Update update ? update.where() : ((Delete) statement).where();
        List<Condition> rest = new ArrayList<>(conjuncts(where));
        request.put("Key", fullKey(table, rest));
        if (statement instanceof Update update) {
            request.put("UpdateExpression", updateExpression(update, renderer));
        }
        // PartiQL's UPDATE and DELETE address one existing item: a missing one fails the condition.
        List<String> condition = new ArrayList<>();
        condition.add("attribute_exists(" + renderer.name(table.keySchema().hash()) + ")");
        rest.forEach(c -> condition.add("(" + renderer.condition(c) + ")"));
        request.put("ConditionExpression", String.join(" AND ", condition));
        return renderer.addTo(request);
    }

    /** The GetItem request of a SELECT that names one item by its full key. */
    private Map<String, Object> getRequest(RequestContext context, Select select) {
        TableDefinition table = TableOperations.require(catalog, context.scope(), select.table());
        List<Condition> rest = new ArrayList<>(conjuncts(select.where()));
        Map<String, Object> key = fullKey(table, rest);
        if (select.index() != null || !rest.isEmpty()) {
            throw DynamoDbErrors.validation("Select statements within BatchExecuteStatement and ExecuteTransaction "
                    + "must specify the full primary key of the table in the WHERE clause, and nothing else");
        }
        ExpressionRenderer renderer = new ExpressionRenderer();
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("TableName", table.name());
        request.put("Key", key);
        if (!select.projection().isEmpty()) {
            request.put("ProjectionExpression",
                    select.projection().stream().map(renderer::path).collect(Collectors.joining(", ")));
        }
        return renderer.addTo(request);
    }

    private static String updateExpression(Update update, ExpressionRenderer renderer) {
        StringBuilder out = new StringBuilder();
        if (!update.set().isEmpty()) {
            out.append("SET ").append(update.set().stream()
                    .map(a -> renderer.path(a.path()) + " = " + renderer.operand(a.value()))
                    .collect(Collectors.joining(", ")));
        }
        if (!update.remove().isEmpty()) {
            out.append(out.isEmpty() ? "" : " ").append("REMOVE ")
                    .append(update.remove().stream().map(renderer::path).collect(Collectors.joining(", ")));
        }
        return out.toString();
    }

    /** Takes the equalities on every key attribute out of {@code terms} and returns them as the key. */
    private static Map<String, Object> fullKey(TableDefinition table, List<Condition> terms) {
        Map<String, Object> key = new LinkedHashMap<>();
        for (String attribute : table.keySchema().attributes()) {
            Condition equality = partitionEquality(terms, attribute);
            if (equality == null) {
                throw DynamoDbErrors.validation("Where clause does not contain a mandatory equality on all key attributes");
            }
            terms.remove(equality);
            key.put(attribute, ((Value) ((Comparison) equality).right()).wire());
        }
        return key;
    }

    private static List<Condition> conjuncts(Condition where) {
        if (where == null) {
            return List.of();
        }
        return where instanceof And and ? and.terms() : List.of(where);
    }

    /** The term {@code attribute = value} among the conjuncts, or null. */
    private static Condition partitionEquality(List<Condition> terms, String attribute) {
        for (Condition term : terms) {
            if (term instanceof Comparison c && c.operator().equals("=") && isAttribute(c.left(), attribute)
                    && c.right() instanceof Value) {
                return term;
            }
        }
        return null;
    }

    /** A term a key condition can hold for the sort key: a comparison, BETWEEN or begins_with with values. */
    private static Condition sortKeyCondition(List<Condition> terms, String attribute) {
        for (Condition term : terms) {
            boolean usable = term instanceof Comparison c && SORT_KEY_COMPARATORS.contains(c.operator())
                    && isAttribute(c.left(), attribute) && c.right() instanceof Value
                    || term instanceof Between b && isAttribute(b.subject(), attribute)
                    && b.low() instanceof Value && b.high() instanceof Value
                    || term instanceof Predicate p && p.function().equals("begins_with") && p.arguments().size() == 2
                    && isAttribute(p.arguments().get(0), attribute) && p.arguments().get(1) instanceof Value;
            if (usable) {
                return term;
            }
        }
        return null;
    }

    private static boolean isAttribute(PartiqlAst.Operand operand, String attribute) {
        return operand instanceof Path path && path.segments().size() == 1 && path.attribute().equals(attribute);
    }

    private static boolean references(Condition condition, Set<String> attributes) {
        ExpressionRenderer probe = new ExpressionRenderer();
        probe.condition(condition);
        return probe.names().stream().anyMatch(attributes::contains);
    }

    private static String nextToken(Map<String, Object> lastEvaluatedKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(ItemCodec.encode(WireValues.item(lastEvaluatedKey)));
    }

    private static Map<String, Object> startKey(String nextToken) {
        if (nextToken == null) {
            return null;
        }
        try {
            return WireValues.wire(ItemCodec.decode(Base64.getUrlDecoder().decode(nextToken)));
        } catch (RuntimeException e) {
            throw DynamoDbErrors.validation("Invalid NextToken");
        }
    }

    /** BatchStatementError: AWS's code without "Exception" (ValidationException is ValidationError). */
    private static Map<String, Object> batchError(AwsException e) {
        String code = e.code().equals("ValidationException") ? "ValidationError" : e.code().replace("Exception", "");
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("Code", code);
        error.put("Message", e.getMessage());
        if (e.members().get("Item") != null) {
            error.put("Item", e.members().get("Item"));
        }
        return error;
    }
}
