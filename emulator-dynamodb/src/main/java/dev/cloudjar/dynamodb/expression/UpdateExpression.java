package dev.cloudjar.dynamodb.expression;

import java.util.List;

/** A parsed UpdateExpression: its SET, REMOVE, ADD and DELETE actions in source order. */
public record UpdateExpression(List<Action> actions) {

    public sealed interface Action {
        Path path();
    }

    public record Set(Path path, Operand value) implements Action {
    }

    public record Remove(Path path) implements Action {
    }

    public record Add(Path path, Operand.Value value) implements Action {
    }

    public record Delete(Path path, Operand.Value value) implements Action {
    }

    public UpdateExpression {
        actions = List.copyOf(actions);
    }
}
