package dev.cloudjar.dynamodb.expression;

import dev.cloudjar.dynamodb.item.AttributeValue;

import java.util.Arrays;
import java.util.List;

/** Checks AWS makes on function and action operands while parsing, when their values are known. */
final class FunctionChecks {
    private FunctionChecks() {
    }

    /** attribute_type's second operand names one of DynamoDB's type descriptors. */
    static void requireTypeName(String kind, Operand operand) {
        if (!(operand instanceof Operand.Value v)) {
            return;
        }
        boolean valid = v.value() instanceof AttributeValue.S s
                && Arrays.stream(AttributeValue.Type.values()).anyMatch(t -> t.name().equals(s.value()));
        if (!valid) {
            String shown = v.value() instanceof AttributeValue.S s ? s.value() : v.value().type().name();
            throw ExpressionParser.error(kind, "Invalid attribute type name found; type: " + shown
                    + ", valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}");
        }
    }

    static void requireStringOrBinary(String kind, String function, Operand operand) {
        if (operand instanceof Operand.Value v && v.value().type() != AttributeValue.Type.S
                && v.value().type() != AttributeValue.Type.B) {
            throw ExpressionParser.error(kind, "Incorrect operand type for operator or function; operator or function: "
                    + function + ", operand type: " + v.value().type().name());
        }
    }

    /**
     * The literal operands of list_append (lists) and of + and - (numbers); paths are only known when
     * the update runs. AWS names the type by its short descriptor here (S, BOOL), unlike for ADD.
     */
    static void requireValueTypes(String kind, String function, List<Operand> operands, AttributeValue.Type type) {
        for (Operand operand : operands) {
            if (operand instanceof Operand.Value v && v.value().type() != type) {
                throw ExpressionParser.error(kind, "Incorrect operand type for operator or function; operator or "
                        + "function: " + function + ", operand type: " + v.value().type().name());
            }
        }
    }

    /** ADD takes a number or a set; DELETE only a set. */
    static Operand.Value addOperand(String kind, String action, Operand.Value operand) {
        AttributeValue.Type type = operand.value().type();
        boolean valid = AttributeValue.isSet(type) || (action.equals("ADD") && type == AttributeValue.Type.N);
        if (!valid) {
            throw ExpressionParser.error(kind, "Incorrect operand type for operator or function; operator: "
                    + action + ", operand type: " + ExpressionParser.typeName(operand.value()));
        }
        return operand;
    }
}
