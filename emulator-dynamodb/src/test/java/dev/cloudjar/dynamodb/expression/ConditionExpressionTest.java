package dev.cloudjar.dynamodb.expression;

import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.dynamodb.item.AttributeValue;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.cloudjar.dynamodb.expression.ExpressionFixtures.attributes;
import static dev.cloudjar.dynamodb.expression.ExpressionFixtures.item;
import static dev.cloudjar.dynamodb.expression.ExpressionFixtures.l;
import static dev.cloudjar.dynamodb.expression.ExpressionFixtures.m;
import static dev.cloudjar.dynamodb.expression.ExpressionFixtures.n;
import static dev.cloudjar.dynamodb.expression.ExpressionFixtures.s;
import static dev.cloudjar.dynamodb.expression.ExpressionFixtures.ss;
import static dev.cloudjar.dynamodb.expression.ExpressionFixtures.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConditionExpressionTest {
    private static final Map<String, AttributeValue> ITEM = item(
            "id", s("a1"), "age", n("42"), "tags", ss("red", "blue"),
            "address", m("city", s("Paris"), "zip", s("75001")),
            "scores", l(n("10"), n("20"), n("30")), "flag", AttributeValue.Bool.TRUE);

    private static boolean holds(String expression, ExpressionAttributes attributes) {
        Condition condition = ExpressionParser.condition("ConditionExpression", expression, attributes);
        attributes.requireAllUsed();
        return ConditionEvaluator.test(condition, ITEM);
    }

    private static boolean holds(String expression, Object... values) {
        return holds(expression, values(values));
    }

    private static AwsException fails(String expression, ExpressionAttributes attributes) {
        return assertThrows(AwsException.class, () -> holds(expression, attributes));
    }

    @Test
    void comparatorsCompareNumbersNumerically() {
        assertTrue(holds("age = :v", ":v", n("42.0")));
        assertTrue(holds("age <> :v", ":v", n("41")));
        assertTrue(holds("age < :v", ":v", n("100")));
        assertTrue(holds("age <= :v", ":v", n("42")));
        assertTrue(holds("age > :v", ":v", n("9")));
        assertTrue(holds("age >= :v", ":v", n("42")));
        assertFalse(holds("age > :v", ":v", n("42")));
    }

    @Test
    void orderingValuesOfDifferentTypesIsFalse() {
        assertFalse(holds("age < :v", ":v", s("100")));
        assertFalse(holds("age = :v", ":v", s("42")));
        assertTrue(holds("age <> :v", ":v", s("42")));
    }

    @Test
    void comparisonsWithAMissingAttributeAreFalse() {
        assertFalse(holds("gone = :v", ":v", n("1")));
        assertFalse(holds("gone < :v", ":v", n("1")));
    }

    @Test
    void betweenAndInHoldInclusively() {
        assertTrue(holds("age BETWEEN :lo AND :hi", ":lo", n("42"), ":hi", n("50")));
        assertFalse(holds("age BETWEEN :lo AND :hi", ":lo", n("43"), ":hi", n("50")));
        assertTrue(holds("id IN (:a, :b)", ":a", s("zz"), ":b", s("a1")));
        assertFalse(holds("id IN (:a)", ":a", s("zz")));
    }

    @Test
    void betweenWithBoundsInTheWrongOrderIsRejected() {
        AwsException e = fails("age BETWEEN :hi AND :lo", values(":lo", n("1"), ":hi", n("5")));
        assertEquals("Invalid ConditionExpression: The BETWEEN operator requires upper bound to be greater than or "
                + "equal to lower bound; lower bound operand: AttributeValue: {N:5}, upper bound operand: "
                + "AttributeValue: {N:1}", e.getMessage());
    }

    @Test
    void notBindsTighterThanAndWhichBindsTighterThanOr() {
        assertTrue(holds("age = :x OR age = :y AND flag = :t", ":x", n("42"), ":y", n("0"), ":t", AttributeValue.Bool.FALSE));
        assertFalse(holds("(age = :x OR age = :y) AND flag = :t", ":x", n("42"), ":y", n("0"), ":t", AttributeValue.Bool.FALSE));
        assertTrue(holds("NOT age = :y AND NOT flag = :t", ":y", n("0"), ":t", AttributeValue.Bool.FALSE));
    }

    @Test
    void keywordsAndFunctionNamesAreCaseInsensitiveOnlyForKeywords() {
        assertTrue(holds("age between :lo and :hi", ":lo", n("1"), ":hi", n("50")));
    }

    @Test
    void functionsTestExistenceTypePrefixAndMembership() {
        assertTrue(holds("attribute_exists(address.city)"));
        assertTrue(holds("attribute_not_exists(address.country)"));
        assertTrue(holds("attribute_type(tags, :t)", ":t", s("SS")));
        assertTrue(holds("begins_with(address.zip, :p)", ":p", s("750")));
        assertTrue(holds("contains(tags, :c)", ":c", s("red")));
        assertTrue(holds("contains(id, :c)", ":c", s("1")));
        assertTrue(holds("contains(scores, :c)", ":c", n("20")));
        assertFalse(holds("contains(tags, :c)", ":c", s("green")));
    }

    @Test
    void sizeMeasuresStringsCollectionsAndMaps() {
        assertTrue(holds("size(tags) = :two AND size(scores) = :three AND size(id) = :two AND size(address) = :two",
                ":two", n("2"), ":three", n("3")));
        assertFalse(holds("size(age) = :one", ":one", n("1")));
    }

    @Test
    void listIndexesAndNestedNamesResolve() {
        assertTrue(holds("scores[1] = :v AND #a.#c = :city",
                attributes(Map.of("#a", "address", "#c", "city"), item(":v", n("20"), ":city", s("Paris")))));
    }

    @Test
    void syntaxErrorsQuoteTheTokenAndItsNeighbours() {
        assertEquals("Invalid ConditionExpression: Syntax error; token: \"ADD\", near: \"ADD #v\"",
                fails("ADD #v", attributes(Map.of("#v", "x"), Map.of())).getMessage());
        assertEquals("Invalid ConditionExpression: Syntax error; token: \":\", near: \"hits : incr\"",
                fails("hits : incr", ExpressionAttributes.none()).getMessage());
        assertEquals("Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"=\"",
                fails("age =", ExpressionAttributes.none()).getMessage());
    }

    @Test
    void emptyExpressionsAreRejected() {
        assertEquals("Invalid ConditionExpression: The expression can not be empty;",
                fails("  ", ExpressionAttributes.none()).getMessage());
    }

    @Test
    void reservedWordsNeedAPlaceholder() {
        assertEquals("Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: name",
                fails("attribute_exists(name)", ExpressionAttributes.none()).getMessage());
        assertEquals("Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: Status",
                fails("Status = :v", values(":v", s("x"))).getMessage());
    }

    @Test
    void undefinedNamesAndValuesAreRejected() {
        assertEquals("Invalid ConditionExpression: An expression attribute value used in expression is not defined; "
                + "attribute value: :v", fails("age = :v", ExpressionAttributes.none()).getMessage());
        assertEquals("Invalid ConditionExpression: An expression attribute name used in the document path is not "
                + "defined; attribute name: #n", fails("attribute_exists(#n)", ExpressionAttributes.none()).getMessage());
    }

    @Test
    void unusedNamesAndValuesAreRejected() {
        assertEquals("Value provided in ExpressionAttributeValues unused in expressions: keys: {:unused}",
                fails("age = :v", values(":v", n("1"), ":unused", n("2"))).getMessage());
        assertEquals("Value provided in ExpressionAttributeNames unused in expressions: keys: {#x}",
                fails("age = :v", attributes(Map.of("#x", "x"), item(":v", n("1")))).getMessage());
    }

    @Test
    void unknownAndMisplacedFunctionsAreRejected() {
        assertEquals("Invalid ConditionExpression: Invalid function name; function: exists",
                fails("exists(age)", ExpressionAttributes.none()).getMessage());
        assertEquals("Invalid ConditionExpression: The function is not allowed in a condition expression; "
                + "function: if_not_exists", fails("if_not_exists(age, :v) = :v", values(":v", n("1"))).getMessage());
        assertEquals("Invalid ConditionExpression: Incorrect number of operands for operator or function; "
                + "operator or function: attribute_exists, number of operands: 2",
                fails("attribute_exists(age, id)", ExpressionAttributes.none()).getMessage());
        assertEquals("Invalid ConditionExpression: Operator or function requires a document path; "
                + "operator or function: attribute_exists", fails("attribute_exists(:v)", values(":v", n("1"))).getMessage());
    }

    @Test
    void functionOperandTypesAreChecked() {
        assertEquals("Invalid ConditionExpression: Incorrect operand type for operator or function; "
                + "operator or function: begins_with, operand type: N",
                fails("begins_with(id, :v)", values(":v", n("1"))).getMessage());
        assertEquals("Invalid ConditionExpression: Invalid attribute type name found; type: STRING, valid types: "
                + "{B,NULL,SS,BOOL,L,BS,N,NS,S,M}", fails("attribute_type(id, :t)", values(":t", s("STRING"))).getMessage());
    }
}
