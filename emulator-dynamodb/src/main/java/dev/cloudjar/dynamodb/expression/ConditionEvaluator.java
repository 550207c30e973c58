package dev.cloudjar.dynamodb.expression;

import dev.cloudjar.dynamodb.item.AttributeValue;

import java.util.Map;

/**
 * Evaluates conditions against an item (an empty map when the item does not exist). A
 * comparison with a missing operand or operands of different types is false (except
 * {@code <>}, which holds when the values are not equal); ordering needs two N, S or B values.
 */
public final class ConditionEvaluator {
    private ConditionEvaluator() {
    }

    public static boolean test(Condition condition, Map<String, AttributeValue> item) {
        if (condition instanceof Condition.And and) {
            return test(and.left(), item) && test(and.right(), item);
        }
        if (condition instanceof Condition.Or or) {
            return test(or.left(), item) || test(or.right(), item);
        }
        if (condition instanceof Condition.Not not) {
            return !test(not.condition(), item);
        }
        if (condition instanceof Condition.Compare compare) {
            return compare(compare.comparator(), value(compare.left(), item), value(compare.right(), item));
        }
        if (condition instanceof Condition.Between between) {
            AttributeValue v = value(between.value(), item);
            AttributeValue lower = value(between.lower(), item);
            AttributeValue upper = value(between.upper(), item);
            return Values.comparable(v, lower) && Values.comparable(v, upper)
                    && Values.compare(lower, v) <= 0 && Values.compare(v, upper) <= 0;
        }
        if (condition instanceof Condition.In in) {
            AttributeValue v = value(in.value(), item);
            return v != null && in.candidates().stream().anyMatch(c -> v.equals(value(c, item)));
        }
        return function((Condition.Function) condition, item);
    }

    static boolean compare(Condition.Comparator comparator, AttributeValue left, AttributeValue right) {
        if (comparator == Condition.Comparator.EQ) {
            return left != null && left.equals(right);
        }
        if (comparator == Condition.Comparator.NE) {
            return left == null || !left.equals(right);
        }
        if (!Values.comparable(left, right)) {
            return false;
        }
        int c = Values.compare(left, right);
        return switch (comparator) {
            case LT -> c < 0;
            case LE -> c <= 0;
            case GT -> c > 0;
            default -> c >= 0;
        };
    }

    private static boolean function(Condition.Function function, Map<String, AttributeValue> item) {
        AttributeValue subject = value(function.arguments().get(0), item);
        switch (function.name()) {
            case "attribute_exists":
                return subject != null;
            case "attribute_not_exists":
                return subject == null;
            default:
                break;
        }
        AttributeValue operand = value(function.arguments().get(1), item);
        if (subject == null || operand == null) {
            return false;
        }
        return switch (function.name()) {
            case "attribute_type" -> operand instanceof AttributeValue.S s && subject.type().name().equals(s.value());
            case "begins_with" -> beginsWith(subject, operand);
            default -> contains(subject, operand);
        };
    }

    private static boolean beginsWith(AttributeValue subject, AttributeValue prefix) {
        if (subject instanceof AttributeValue.S s && prefix instanceof AttributeValue.S p) {
            return s.value().startsWith(p.value());
        }
        if (subject instanceof AttributeValue.B b && prefix instanceof AttributeValue.B p) {
            return b.value().length >= p.value().length
                    && java.util.Arrays.equals(b.value(), 0, p.value().length, p.value(), 0, p.value().length);
        }
        return false;
    }

    private static boolean contains(AttributeValue subject, AttributeValue operand) {
        if (subject instanceof AttributeValue.S s && operand instanceof AttributeValue.S o) {
            return s.value().contains(o.value());
        }
        if (subject instanceof AttributeValue.B b && operand instanceof AttributeValue.B o) {
            return indexOf(b.value(), o.value()) >= 0;
        }
        if (AttributeValue.isSet(subject.type())) {
            return AttributeValue.elements(subject).contains(operand);
        }
        if (subject instanceof AttributeValue.L l) {
            return l.value().contains(operand);
        }
        return false;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** An operand's value in the item, or null when it does not resolve. */
    static AttributeValue value(Operand operand, Map<String, AttributeValue> item) {
        if (operand instanceof Operand.PathOperand p) {
            return Documents.get(item, p.path());
        }
        if (operand instanceof Operand.Value v) {
            return v.value();
        }
        Operand.Function f = (Operand.Function) operand;
        return size(value(f.arguments().get(0), item));
    }

    private static AttributeValue size(AttributeValue v) {
        if (v instanceof AttributeValue.S s) {
            return AttributeValue.N.of(s.utf8().length);
        }
        if (v instanceof AttributeValue.B b) {
            return AttributeValue.N.of(b.value().length);
        }
        if (v instanceof AttributeValue.L l) {
            return AttributeValue.N.of(l.value().size());
        }
        if (v instanceof AttributeValue.M m) {
            return AttributeValue.N.of(m.value().size());
        }
        if (v != null && AttributeValue.isSet(v.type())) {
            return AttributeValue.N.of(AttributeValue.elements(v).size());
        }
        return null;
    }
}
