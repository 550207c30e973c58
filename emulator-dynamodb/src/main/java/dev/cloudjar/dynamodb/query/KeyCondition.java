package dev.cloudjar.dynamodb.query;

import dev.cloudjar.dynamodb.DynamoDbErrors;
import dev.cloudjar.dynamodb.expression.Condition;
import dev.cloudjar.dynamodb.expression.Operand;
import dev.cloudjar.dynamodb.item.AttributeValue;
import dev.cloudjar.dynamodb.item.ByteSink;
import dev.cloudjar.dynamodb.item.KeyEncoding;
import dev.cloudjar.dynamodb.table.KeySchema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
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
        Map<String, Condition> byAttribute = new LinkedHashMap<>();
        for (Condition part : parts) {
            if (byAttribute.put(subject(part), part) != null) {
                throw DynamoDbErrors.validation("KeyConditionExpressions must only contain one condition per key");
            }
        }
        // AWS's checks, in its order: count, then the partition key, then the sort key.
        if (byAttribute.size() > 2) {
            throw DynamoDbErrors.validation("Conditions can be of length 1 or 2 only");
        }
        if (!schema.hasRange() && byAttribute.size() > 1) {
            throw DynamoDbErrors.validation("Query key condition not supported");
        }
        Condition hash = byAttribute.get(schema.hash());
        if (hash == null) {
            throw DynamoDbErrors.validation("Query condition missed key schema element: " + schema.hash());
        }
        Condition sort = schema.hasRange() ? byAttribute.get(schema.range()) : null;
        if (byAttribute.size() > 1 && sort == null) {
            throw DynamoDbErrors.validation("Query condition missed key schema element: " + schema.range());
        }
        if (!(hash instanceof Condition.Compare c) || c.comparator() != Condition.Comparator.EQ) {
            throw DynamoDbErrors.validation("Query key condition not supported");
        }
        AttributeValue partition = value(c.right(), types.get(schema.hash()));
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
        } else if (condition instanceof Condition.Compare c && c.comparator() == Condition.Comparator.NE) {
            throw DynamoDbErrors.validation("Invalid operator used in KeyConditionExpression: <>");
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
            default -> throw new IllegalStateException("<> is rejected before: " + c.comparator());
        };
    }

    static byte[] concat(byte[] a, byte[] b) {
        ByteSink out = new ByteSink(a.length + b.length);
        out.write(a);
        out.write(b);
        return out.toByteArray();
    }
}
