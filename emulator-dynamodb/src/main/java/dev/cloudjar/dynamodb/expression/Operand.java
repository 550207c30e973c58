package dev.cloudjar.dynamodb.expression;

import dev.cloudjar.dynamodb.item.AttributeValue;

import java.util.List;

/** A value in an expression: a document path, an expression attribute value or a function. */
public sealed interface Operand {

    record PathOperand(Path path) implements Operand {
    }

    record Value(String placeholder, AttributeValue value) implements Operand {
    }

    /** size, if_not_exists, list_append (and the condition functions, which are conditions). */
    record Function(String name, List<Operand> arguments) implements Operand {
    }

    /** {@code a + b} or {@code a - b} in a SET action. */
    record Arithmetic(Operand left, boolean plus, Operand right) implements Operand {
    }
}
