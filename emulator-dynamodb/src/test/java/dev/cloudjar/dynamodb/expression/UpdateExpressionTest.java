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
import static org.junit.jupiter.api.Assertions.assertThrows;

class UpdateExpressionTest {
    private static final Map<String, AttributeValue> ITEM = item(
            "id", s("a1"), "count", n("5"), "tags", ss("red", "blue"),
            "address", m("city", s("Paris")), "list", l(s("a"), s("b"), s("c"), s("d")));

    private static Map<String, AttributeValue> update(String expression, ExpressionAttributes attributes) {
        UpdateExpression update = ExpressionParser.update(expression, attributes);
        attributes.requireAllUsed();
        return UpdateApplier.apply(update, ITEM);
    }

    private static Map<String, AttributeValue> update(String expression, Object... values) {
        return update(expression, values(values));
    }

    private static AwsException fails(String expression, Object... values) {
        return assertThrows(AwsException.class, () -> update(expression, values));
    }

    private static final Map<String, String> COUNT = Map.of("#c", "count");

    @Test
    void setAssignsValuesAndArithmeticIsComputedFromTheOldItem() {
        Map<String, AttributeValue> out = update("SET #c = #c + :one, twin = #c - :one",
                attributes(COUNT, item(":one", n("1"))));
        assertEquals(n("6"), out.get("count"));
        assertEquals(n("4"), out.get("twin"));
    }

    @Test
    void ifNotExistsKeepsAnExistingValue() {
        Map<String, AttributeValue> out = update("SET #c = if_not_exists(#c, :zero) + :one, fresh = if_not_exists(fresh, :zero)",
                attributes(COUNT, item(":zero", n("0"), ":one", n("1"))));
        assertEquals(n("6"), out.get("count"));
        assertEquals(n("0"), out.get("fresh"));
    }

    @Test
    void listAppendJoinsLists() {
        Map<String, AttributeValue> out = update("SET #l = list_append(:front, #l)",
                attributes(Map.of("#l", "list"), item(":front", l(s("z")))));
        assertEquals(l(s("z"), s("a"), s("b"), s("c"), s("d")), out.get("list"));
    }

    @Test
    void setIntoNestedMapsAndListIndexesPastTheEndAppends() {
        Map<String, AttributeValue> out = update("SET address.zip = :z, #l[10] = :e",
                attributes(Map.of("#l", "list"), item(":z", s("75001"), ":e", s("e"))));
        assertEquals(m("city", s("Paris"), "zip", s("75001")), out.get("address"));
        assertEquals(l(s("a"), s("b"), s("c"), s("d"), s("e")), out.get("list"));
    }

    @Test
    void removeDeletesAttributesAndListElementsByTheirOriginalIndexes() {
        Map<String, AttributeValue> out = update("REMOVE #l[0], #l[2], address.city, tags",
                attributes(Map.of("#l", "list"), Map.of()));
        assertEquals(l(s("b"), s("d")), out.get("list"));
        assertEquals(m(), out.get("address"));
        assertEquals(null, out.get("tags"));
    }

    @Test
    void addIncrementsNumbersCreatesMissingOnesAndUnitesSets() {
        Map<String, AttributeValue> out = update("ADD #c :two, visits :two, tags :more",
                attributes(COUNT, item(":two", n("2"), ":more", ss("green"))));
        assertEquals(n("7"), out.get("count"));
        assertEquals(n("2"), out.get("visits"));
        assertEquals(ss("red", "blue", "green"), out.get("tags"));
    }

    @Test
    void deleteRemovesSetElementsAndTheAttributeWhenTheSetEmpties() {
        assertEquals(ss("blue"), update("DELETE tags :r", ":r", ss("red")).get("tags"));
        assertEquals(null, update("DELETE tags :r", ":r", ss("red", "blue")).get("tags"));
    }

    @Test
    void allFourClausesCombine() {
        Map<String, AttributeValue> out = update("SET a = :v REMOVE address ADD #c :v DELETE tags :r",
                attributes(COUNT, item(":v", n("1"), ":r", ss("red"))));
        assertEquals(item("id", s("a1"), "count", n("6"), "tags", ss("blue"),
                "list", l(s("a"), s("b"), s("c"), s("d")), "a", n("1")), out);
    }

    @Test
    void aClauseMayAppearOnlyOnce() {
        assertEquals("Invalid UpdateExpression: The \"SET\" section can only be used once in an update expression;",
                fails("SET a = :v SET b = :v", ":v", n("1")).getMessage());
    }

    @Test
    void overlappingPathsAreRejected() {
        assertEquals("Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite "
                + "one of these paths; path one: [a], path two: [a, b]",
                fails("SET a = :v REMOVE a.b", ":v", n("1")).getMessage());
        assertEquals("Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite "
                + "one of these paths; path one: [f], path two: [f]", fails("SET f = :v, f = :v", ":v", n("1")).getMessage());
    }

    @Test
    void addAndDeleteOperandTypesAreChecked() {
        assertEquals("Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, "
                + "operand type: STRING", fails("ADD a :v", ":v", s("x")).getMessage());
        assertEquals("Invalid UpdateExpression: Incorrect operand type for operator or function; operator: DELETE, "
                + "operand type: NUMBER", fails("DELETE a :v", ":v", n("1")).getMessage());
    }

    @Test
    void arithmeticOnNonNumbersOrMissingAttributesFails() {
        assertEquals("An operand in the update expression has an incorrect data type",
                fails("SET x = id + :v", ":v", n("1")).getMessage());
        assertEquals("The provided expression refers to an attribute that does not exist in the item",
                fails("SET x = gone + :v", ":v", n("1")).getMessage());
        assertEquals("An operand in the update expression has an incorrect data type",
                fails("ADD id :v", ":v", n("1")).getMessage());
    }

    @Test
    void settingBelowAMissingParentIsInvalid() {
        assertEquals("The document path provided in the update expression is invalid for update",
                fails("SET nowhere.deep = :v", ":v", n("1")).getMessage());
    }

    @Test
    void conditionFunctionsAreNotAllowedInUpdates() {
        assertEquals("Invalid UpdateExpression: The function is not allowed in an update expression; function: size",
                fails("SET a = size(b)").getMessage());
    }

    @Test
    void syntaxErrorsQuoteTheToken() {
        assertEquals("Invalid UpdateExpression: Syntax error; token: \"INVALID\", near: \"INVALID SYNTAX\"",
                fails("INVALID SYNTAX HERE").getMessage());
        assertEquals("Invalid UpdateExpression: Syntax error; token: \"-\", near: \"MarketplaceFacilitatorTax-Principal\"",
                fails("ADD MarketplaceFacilitatorTax-Principal :v", ":v", n("1")).getMessage());
    }
}
