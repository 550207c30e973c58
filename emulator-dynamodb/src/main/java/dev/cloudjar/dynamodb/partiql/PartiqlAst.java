package dev.cloudjar.dynamodb.partiql;

import java.util.List;
import java.util.Map;

/** The parsed form of the PartiQL statements DynamoDB runs. */
final class PartiqlAst {
    private PartiqlAst() {
    }

    sealed interface Statement permits Select, Insert, Update, Delete {
        String table();
    }

    /** @param projection attribute paths, empty for {@code *}; @param index null for the table itself */
    record Select(String table, String index, List<Path> projection, Condition where) implements Statement {
    }

    /** @param item the VALUE, an item in AttributeValue wire form */
    record Insert(String table, Map<String, Object> item) implements Statement {
    }

    record Update(String table, List<Assignment> set, List<Path> remove, Condition where) implements Statement {
    }

    record Delete(String table, Condition where) implements Statement {
    }

    record Assignment(Path path, Operand value) {
    }

    /** Operands of conditions and assignments. */
    sealed interface Operand permits Path, Value, Call, Arithmetic {
    }

    /** @param segments attribute names (String) and list indexes (Integer) */
    record Path(List<Object> segments) implements Operand {
        String attribute() {
            return (String) segments.get(0);
        }
    }

    /** A literal or a parameter, in AttributeValue wire form. */
    record Value(Object wire) implements Operand {
    }

    record Call(String function, List<Operand> arguments) implements Operand {
    }

    record Arithmetic(Operand left, String operator, Operand right) implements Operand {
    }

    sealed interface Condition permits And, Or, Not, Comparison, Between, In, Predicate, Missing {
    }

    record And(List<Condition> terms) implements Condition {
    }

    record Or(List<Condition> terms) implements Condition {
    }

    record Not(Condition term) implements Condition {
    }

    record Comparison(Operand left, String operator, Operand right) implements Condition {
    }

    record Between(Operand subject, Operand low, Operand high) implements Condition {
    }

    record In(Operand subject, List<Operand> candidates) implements Condition {
    }

    /** A boolean function: begins_with, contains, attribute_type, attribute_exists... */
    record Predicate(String function, List<Operand> arguments) implements Condition {
    }

    /** {@code path IS MISSING}, or {@code IS NOT MISSING} when negated. */
    record Missing(Path path, boolean negated) implements Condition {
    }
}
