package dev.cloudjar.dynamodb.expression;

import dev.cloudjar.dynamodb.DynamoDbErrors;
import dev.cloudjar.dynamodb.item.AttributeValue;
import dev.cloudjar.dynamodb.item.Numbers;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies an UpdateExpression to an item. Every SET value is computed from the item as it was
 * before the update, as on AWS; REMOVEs of list elements of one list apply from the highest index
 * down, so indexes refer to the original list.
 */
public final class UpdateApplier {
    private UpdateApplier() {
    }

    public static Map<String, AttributeValue> apply(UpdateExpression update, Map<String, AttributeValue> original) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(original);
        List<UpdateExpression.Remove> removes = new ArrayList<>();
        List<AttributeValue> setValues = new ArrayList<>();
        for (UpdateExpression.Action action : update.actions()) {
            if (action instanceof UpdateExpression.Set set) {
                setValues.add(evaluate(set.value(), original));
            }
        }
        int nextSet = 0;
        for (UpdateExpression.Action action : update.actions()) {
            if (action instanceof UpdateExpression.Set set) {
                item = checked(Documents.set(item, set.path(), setValues.get(nextSet++)));
            } else if (action instanceof UpdateExpression.Remove remove) {
                removes.add(remove);
            } else if (action instanceof UpdateExpression.Add add) {
                item = checked(Documents.set(item, add.path(), add(Documents.get(item, add.path()), add.value().value())));
            } else {
                UpdateExpression.Delete delete = (UpdateExpression.Delete) action;
                AttributeValue remaining = delete(Documents.get(item, delete.path()), delete.value().value());
                item = remaining == null ? checked(Documents.remove(item, delete.path()))
                        : checked(Documents.set(item, delete.path(), remaining));
            }
        }
        removes.sort(Comparator.comparing((UpdateExpression.Remove r) -> r.path().parent().toString())
                .thenComparing(r -> -indexOf(r.path())));
        for (UpdateExpression.Remove remove : removes) {
            item = checked(Documents.remove(item, remove.path()));
        }
        return item;
    }

    private static int indexOf(Path path) {
        return path.last() instanceof Path.Index i ? i.index() : -1;
    }

    private static Map<String, AttributeValue> checked(Map<String, AttributeValue> item) {
        if (item == null) {
            throw DynamoDbErrors.validation("The document path provided in the update expression is invalid for update");
        }
        return item;
    }

    private static AttributeValue evaluate(Operand operand, Map<String, AttributeValue> item) {
        if (operand instanceof Operand.Value v) {
            return v.value();
        }
        if (operand instanceof Operand.PathOperand p) {
            AttributeValue value = Documents.get(item, p.path());
            if (value == null) {
                throw DynamoDbErrors.validation(
                        "The provided expression refers to an attribute that does not exist in the item");
            }
            return value;
        }
        if (operand instanceof Operand.Arithmetic a) {
            AttributeValue left = evaluate(a.left(), item);
            AttributeValue right = evaluate(a.right(), item);
            if (!(left instanceof AttributeValue.N l) || !(right instanceof AttributeValue.N r)) {
                throw incorrectType();
            }
            return new AttributeValue.N(a.plus() ? Numbers.add(l.value(), r.value())
                    : Numbers.subtract(l.value(), r.value()));
        }
        Operand.Function f = (Operand.Function) operand;
        if (f.name().equals("if_not_exists")) {
            AttributeValue existing = Documents.get(item, ((Operand.PathOperand) f.arguments().get(0)).path());
            return existing != null ? existing : evaluate(f.arguments().get(1), item);
        }
        AttributeValue first = evaluate(f.arguments().get(0), item);
        AttributeValue second = evaluate(f.arguments().get(1), item);
        if (!(first instanceof AttributeValue.L a) || !(second instanceof AttributeValue.L b)) {
            throw incorrectType();
        }
        List<AttributeValue> joined = new ArrayList<>(a.value());
        joined.addAll(b.value());
        return new AttributeValue.L(joined);
    }

    private static AttributeValue add(AttributeValue existing, AttributeValue operand) {
        if (existing == null) {
            return operand;
        }
        if (existing instanceof AttributeValue.N e && operand instanceof AttributeValue.N o) {
            return new AttributeValue.N(Numbers.add(e.value(), o.value()));
        }
        if (existing.type() == operand.type() && AttributeValue.isSet(existing.type())) {
            Set<AttributeValue> union = new LinkedHashSet<>(AttributeValue.elements(existing));
            union.addAll(AttributeValue.elements(operand));
            return AttributeValue.setOf(existing.type(), union);
        }
        throw incorrectType();
    }

    /** The set without the operand's elements; null when nothing is left (the attribute is removed). */
    private static AttributeValue delete(AttributeValue existing, AttributeValue operand) {
        if (existing == null) {
            return null;
        }
        if (existing.type() != operand.type()) {
            throw incorrectType();
        }
        Set<AttributeValue> remaining = new LinkedHashSet<>(AttributeValue.elements(existing));
        remaining.removeAll(AttributeValue.elements(operand));
        return remaining.isEmpty() ? null : AttributeValue.setOf(existing.type(), remaining);
    }

    private static RuntimeException incorrectType() {
        return DynamoDbErrors.validation("An operand in the update expression has an incorrect data type");
    }
}
