package dev.cloudjar.dynamodb.query;

import dev.cloudjar.dynamodb.DynamoDbErrors;
import dev.cloudjar.dynamodb.expression.Condition;
import dev.cloudjar.dynamodb.expression.Operand;
import dev.cloudjar.dynamodb.item.AttributeValue;
import dev.cloudjar.dynamodb.item.ByteSink;
import dev.cloudjar.dynamodb.item.KeyEncoding;
import dev.cloudjar.dynamodb.table.KeySchema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Query's key condition as a range of storage keys: equality on the partition key and at most
 * one condition on the sort key (=, &lt;, &lt;=, &gt;, &gt;=, BETWEEN, begins_with).
 *
 * @param from inclusive lower bound
 * @param to   exclusive upper bound (null: open)
 */
record KeyCondition(AttributeValue partition, byte[] from, byte[] to) {

    static KeyCondition of(Condition condition, KeySchema schema, Map<String, String> types) {
        List<Condition> parts = new ArrayList<>();
        flatten(condition, parts);
        AttributeValue partition = null;
        Condition sort = null;
        for (Condition part : parts) {
            String attribute = subject(part);
            if (attribute.equals(schema.hash())) {
                if (!(part instanceof Condition.Compare c) || c.comparator() != Condition.Comparator.EQ || partition != null) {
                    throw DynamoDbErrors.validation("Query key condition not supported");
                }
                partition = value(c.right(), types.get(attribute));
            } else if (attribute.equals(schema.range()) && sort == null) {
                sort = part;
            } else {
                throw DynamoDbErrors.validation("Query condition missed key schema element: "
                        + (partition == null ? schema.hash() : schema.range()));
            }
        }
        if (partition == null) {
            throw DynamoDbErrors.validation("Query condition missed key schema element: " + schema.hash());
        }
        byte[] prefix = KeyEncoding.encode(partition);
        if (sort == null) {
            return new KeyCondition(partition, prefix, KeyEncoding.prefixEnd(prefix));
        }
        return sortRange(partition, prefix, sort, types.get(schema.range()));
    }

    private static void flatten(Condition condition, List<Condition> out) {
        if (condition instanceof Condition.And and) {
            flatten(and.left(), out);
            flatten(and.right(), out);
        } else if (condition instanceof Condition.Or) {
            throw DynamoDbErrors.validation("Invalid operator used in KeyConditionExpression: OR");
        } else if (condition instanceof Condition.Not) {
            throw DynamoDbErrors.validation("Invalid operator used in KeyConditionExpression: NOT");
        } else if (condition instanceof Condition.In) {
            throw DynamoDbErrors.validation("Invalid operator used in KeyConditionExpression: IN");
        } else {
            out.add(condition);
        }
    }

    private static String subject(Condition part) {
        Operand operand;
        if (part instanceof Condition.Compare c) {
            operand = c.left();
        } else if (part instanceof Condition.Between b) {
            operand = b.value();
        } else {
            Condition.Function f = (Condition.Function) part;
            if (!f.name().equals("begins_with")) {
                throw DynamoDbErrors.validation("Invalid operator used in KeyConditionExpression: " + f.name());
            }
            operand = f.arguments().get(0);
        }
        if (!(operand instanceof Operand.PathOperand p) || p.path().size() != 1) {
            throw DynamoDbErrors.validation("Query key condition not supported");
        }
        return p.path().attribute();
    }

    private static AttributeValue value(Operand operand, String type) {
        if (!(operand instanceof Operand.Value v)) {
            throw DynamoDbErrors.validation("Query key condition not supported");
        }
        if (!v.value().type().name().equals(type)) {
            throw DynamoDbErrors.invalidParameter("Condition parameter type does not match schema type");
        }
        return v.value();
    }

    private static KeyCondition sortRange(AttributeValue partition, byte[] prefix, Condition sort, String type) {
        byte[] end = KeyEncoding.prefixEnd(prefix);
        if (sort instanceof Condition.Between b) {
            return new KeyCondition(partition, concat(prefix, KeyEncoding.encode(value(b.lower(), type))),
                    KeyEncoding.prefixEnd(concat(prefix, KeyEncoding.encode(value(b.upper(), type)))));
        }
        if (sort instanceof Condition.Function f) {
            AttributeValue p = value(f.arguments().get(1), type);
            if (p.type() == AttributeValue.Type.N) {
                throw DynamoDbErrors.validation("Invalid KeyConditionExpression: Incorrect operand type for operator or "
                        + "function; operator or function: begins_with, operand type: N");
            }
            byte[] start = concat(prefix, KeyEncoding.prefix(p));
            return new KeyCondition(partition, start, KeyEncoding.prefixEnd(start));
        }
        Condition.Compare c = (Condition.Compare) sort;
        byte[] at = concat(prefix, KeyEncoding.encode(value(c.right(), type)));
        return switch (c.comparator()) {
            case EQ -> new KeyCondition(partition, at, KeyEncoding.prefixEnd(at));
            case LT -> new KeyCondition(partition, prefix, at);
            case LE -> new KeyCondition(partition, prefix, KeyEncoding.prefixEnd(at));
            case GT -> new KeyCondition(partition, KeyEncoding.prefixEnd(at), end);
            case GE -> new KeyCondition(partition, at, end);
            default -> throw DynamoDbErrors.validation("Unsupported operator on KeyConditionExpression: operator: <>");
        };
    }

    static byte[] concat(byte[] a, byte[] b) {
        ByteSink out = new ByteSink(a.length + b.length);
        out.write(a);
        out.write(b);
        return out.toByteArray();
    }
}
