package dev.cloudjar.dynamodb.partiql;

import dev.cloudjar.dynamodb.partiql.PartiqlAst.And;
import dev.cloudjar.dynamodb.partiql.PartiqlAst.Arithmetic;
import dev.cloudjar.dynamodb.partiql.PartiqlAst.Between;
import dev.cloudjar.dynamodb.partiql.PartiqlAst.Call;
import dev.cloudjar.dynamodb.partiql.PartiqlAst.Comparison;
import dev.cloudjar.dynamodb.partiql.PartiqlAst.Condition;
import dev.cloudjar.dynamodb.partiql.PartiqlAst.In;
import dev.cloudjar.dynamodb.partiql.PartiqlAst.Missing;
import dev.cloudjar.dynamodb.partiql.PartiqlAst.Not;
import dev.cloudjar.dynamodb.partiql.PartiqlAst.Operand;
import dev.cloudjar.dynamodb.partiql.PartiqlAst.Or;
import dev.cloudjar.dynamodb.partiql.PartiqlAst.Path;
import dev.cloudjar.dynamodb.partiql.PartiqlAst.Predicate;
import dev.cloudjar.dynamodb.partiql.PartiqlAst.Value;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes parsed PartiQL as DynamoDB's own expression language, every name and value through
 * placeholders, so a statement runs through the same evaluation as the item and query APIs.
 * One renderer collects the names and values of the expressions of one request.
 */
final class ExpressionRenderer {
    private final Map<String, Object> names = new LinkedHashMap<>();
    private final Map<String, Object> values = new LinkedHashMap<>();

    String condition(Condition condition) {
        if (condition instanceof And and) {
            return and.terms().stream().map(t -> "(" + condition(t) + ")").collect(Collectors.joining(" AND "));
        }
        if (condition instanceof Or or) {
            return or.terms().stream().map(t -> "(" + condition(t) + ")").collect(Collectors.joining(" OR "));
        }
        if (condition instanceof Not not) {
            return "NOT (" + condition(not.term()) + ")";
        }
        if (condition instanceof Comparison c) {
            return operand(c.left()) + " " + c.operator() + " " + operand(c.right());
        }
        if (condition instanceof Between b) {
            return operand(b.subject()) + " BETWEEN " + operand(b.low()) + " AND " + operand(b.high());
        }
        if (condition instanceof In in) {
            return operand(in.subject()) + " IN (" + operands(in.candidates()) + ")";
        }
        if (condition instanceof Predicate p) {
            return p.function() + "(" + operands(p.arguments()) + ")";
        }
        Missing m = (Missing) condition;
        return (m.negated() ? "attribute_exists(" : "attribute_not_exists(") + path(m.path()) + ")";
    }

    String operand(Operand operand) {
        if (operand instanceof Path path) {
            return path(path);
        }
        if (operand instanceof Value value) {
            return value(value.wire());
        }
        if (operand instanceof Call call) {
            return call.function() + "(" + operands(call.arguments()) + ")";
        }
        Arithmetic a = (Arithmetic) operand;
        return operand(a.left()) + " " + a.operator() + " " + operand(a.right());
    }

    String path(Path path) {
        StringBuilder out = new StringBuilder();
        for (Object segment : path.segments()) {
            if (segment instanceof Integer index) {
                out.append('[').append(index).append(']');
            } else {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(name((String) segment));
            }
        }
        return out.toString();
    }

    String name(String attribute) {
        String placeholder = "#n" + names.size();
        names.put(placeholder, attribute);
        return placeholder;
    }

    String value(Object wire) {
        String placeholder = ":v" + values.size();
        values.put(placeholder, wire);
        return placeholder;
    }

    /** Adds ExpressionAttributeNames and ExpressionAttributeValues to a request, when any were used. */
    Map<String, Object> addTo(Map<String, Object> request) {
        if (!names.isEmpty()) {
            request.put("ExpressionAttributeNames", names);
        }
        if (!values.isEmpty()) {
            request.put("ExpressionAttributeValues", values);
        }
        return request;
    }

    /** The attribute names used so far. */
    java.util.Collection<Object> names() {
        return names.values();
    }

    private String operands(List<Operand> operands) {
        return operands.stream().map(this::operand).collect(Collectors.joining(", "));
    }
}
