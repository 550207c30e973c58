package dev.cloudjar.dynamodb.expression;

import dev.cloudjar.dynamodb.DynamoDbErrors;
import dev.cloudjar.dynamodb.item.AttributeValue;
import dev.cloudjar.dynamodb.item.WireValues;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The parameters DynamoDB had before expressions (Expected, AttributeUpdates, KeyConditions,
 * QueryFilter, ScanFilter, AttributesToGet), translated into the same conditions, updates and
 * projections the expressions parse to.
 */
public final class LegacyParameters {
    private LegacyParameters() {
    }

    /** Expected: {attr: {Value, Exists} or {ComparisonOperator, AttributeValueList}}; null when absent. */
    @SuppressWarnings("unchecked")
    public static Condition expected(Map<String, Object> expected, String conditionalOperator) {
        if (expected == null) {
            return null;
        }
        List<Condition> conditions = new ArrayList<>();
        expected.forEach((attribute, spec) -> {
            Map<String, Object> e = (Map<String, Object>) spec;
            Path path = Path.of(attribute);
            if (e.containsKey("ComparisonOperator")) {
                conditions.add(comparison(path, (String) e.get("ComparisonOperator"), values(e.get("AttributeValueList"))));
            } else if (e.containsKey("Value")) {
                AttributeValue value = WireValues.value(e.get("Value"));
                conditions.add(new Condition.Compare(Condition.Comparator.EQ, new Operand.PathOperand(path),
                        new Operand.Value(":legacy", value)));
            } else if (Boolean.FALSE.equals(e.get("Exists"))) {
                conditions.add(function("attribute_not_exists", path));
            } else {
                throw DynamoDbErrors.invalidParameter("Exists is set to TRUE for attribute (" + attribute
                        + "), Value must also be set");
            }
        });
        return combine(conditions, conditionalOperator);
    }

    /** KeyConditions, QueryFilter, ScanFilter: {attr: {ComparisonOperator, AttributeValueList}}. */
    @SuppressWarnings("unchecked")
    public static Condition conditions(Map<String, Object> conditions, String conditionalOperator) {
        if (conditions == null) {
            return null;
        }
        List<Condition> out = new ArrayList<>();
        conditions.forEach((attribute, spec) -> {
            Map<String, Object> c = (Map<String, Object>) spec;
            out.add(comparison(Path.of(attribute), (String) c.get("ComparisonOperator"), values(c.get("AttributeValueList"))));
        });
        return combine(out, conditionalOperator);
    }

    /** AttributeUpdates: {attr: {Value, Action PUT|ADD|DELETE}}. */
    @SuppressWarnings("unchecked")
    public static UpdateExpression attributeUpdates(Map<String, Object> updates) {
        if (updates == null) {
            return null;
        }
        List<UpdateExpression.Action> actions = new ArrayList<>();
        updates.forEach((attribute, spec) -> {
            Map<String, Object> u = (Map<String, Object>) spec;
            String action = u.containsKey("Action") ? (String) u.get("Action") : "PUT";
            Path path = Path.of(attribute);
            Operand.Value value = u.containsKey("Value") ? new Operand.Value(":legacy", WireValues.value(u.get("Value"))) : null;
            if (action.equals("PUT")) {
                actions.add(new UpdateExpression.Set(path, value));
            } else if (action.equals("ADD")) {
                actions.add(new UpdateExpression.Add(path, FunctionChecks.addOperand("AttributeUpdates", "ADD", value)));
            } else if (value == null) {
                actions.add(new UpdateExpression.Remove(path));
            } else {
                actions.add(new UpdateExpression.Delete(path, FunctionChecks.addOperand("AttributeUpdates", "DELETE", value)));
            }
        });
        return new UpdateExpression(actions);
    }

    public static List<Path> attributesToGet(List<Object> attributes) {
        return attributes == null ? null : attributes.stream().map(a -> Path.of((String) a)).toList();
    }

    private static List<AttributeValue> values(Object list) {
        List<AttributeValue> out = new ArrayList<>();
        if (list != null) {
            ((List<?>) list).forEach(v -> out.add(WireValues.value(v)));
        }
        return out;
    }

    private static Condition comparison(Path path, String operator, List<AttributeValue> values) {
        Operand subject = new Operand.PathOperand(path);
        return switch (operator) {
            case "EQ", "NE", "LT", "LE", "GT", "GE" -> new Condition.Compare(
                    Condition.Comparator.valueOf(operator), subject, value(operator, values, 0, 1));
            case "NOT_NULL" -> function("attribute_exists", path);
            case "NULL" -> function("attribute_not_exists", path);
            case "CONTAINS" -> new Condition.Function("contains", List.of(subject, value(operator, values, 0, 1)));
            case "NOT_CONTAINS" -> new Condition.Not(new Condition.Function("contains",
                    List.of(subject, value(operator, values, 0, 1))));
            case "BEGINS_WITH" -> new Condition.Function("begins_with", List.of(subject, value(operator, values, 0, 1)));
            case "BETWEEN" -> new Condition.Between(subject, value(operator, values, 0, 2), value(operator, values, 1, 2));
            case "IN" -> new Condition.In(subject, values.stream().map(v -> (Operand) new Operand.Value(":legacy", v)).toList());
            default -> throw DynamoDbErrors.validation("Unsupported operator: " + operator);
        };
    }

    private static Operand value(String operator, List<AttributeValue> values, int index, int expected) {
        if (values.size() != expected) {
            throw DynamoDbErrors.invalidParameter("Invalid number of argument(s) for the " + operator
                    + " ComparisonOperator");
        }
        return new Operand.Value(":legacy", values.get(index));
    }

    private static Condition function(String name, Path path) {
        return new Condition.Function(name, List.of(new Operand.PathOperand(path)));
    }

    private static Condition combine(List<Condition> conditions, String conditionalOperator) {
        if (conditions.isEmpty()) {
            return null;
        }
        boolean or = "OR".equals(conditionalOperator);
        Condition out = conditions.get(0);
        for (int i = 1; i < conditions.size(); i++) {
            out = or ? new Condition.Or(out, conditions.get(i)) : new Condition.And(out, conditions.get(i));
        }
        return out;
    }
}
