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
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ProjectionExpressionTest {
    private static final Map<String, AttributeValue> ITEM = item(
            "id", s("a1"), "age", n("42"),
            "address", m("city", s("Paris"), "zip", s("75001"), "geo", m("lat", n("48.8"), "lon", n("2.3"))),
            "list", l(s("a"), m("x", n("1"), "y", n("2")), s("c")));

    private static Map<String, AttributeValue> project(String expression, Map<String, String> names) {
        return Documents.project(ITEM, ExpressionParser.projection(expression, attributes(names, Map.of())));
    }

    @Test
    void topLevelAttributesAreSelected() {
        assertEquals(item("id", s("a1"), "age", n("42")), project("id, age, gone", Map.of()));
    }

    @Test
    void nestedMapKeysKeepOnlyWhatIsSelected() {
        assertEquals(item("address", m("city", s("Paris"), "geo", m("lat", n("48.8")))),
                project("address.city, address.geo.lat", Map.of()));
    }

    @Test
    void listIndexesSelectElementsInIndexOrder() {
        assertEquals(item("list", l(m("y", n("2")), s("c"))), project("#l[2], #l[1].y, #l[7]", Map.of("#l", "list")));
    }

    @Test
    void overlappingPathsAreRejected() {
        AwsException e = assertThrows(AwsException.class, () -> project("address, address.city", Map.of()));
        assertEquals("Invalid ProjectionExpression: Two document paths overlap with each other; must remove or "
                + "rewrite one of these paths; path one: [address], path two: [address, city]", e.getMessage());
    }

    @Test
    void aSyntaxErrorNamesTheExpression() {
        AwsException e = assertThrows(AwsException.class, () -> project("id,", Map.of()));
        assertEquals("Invalid ProjectionExpression: Syntax error; token: \"<EOF>\", near: \",\"", e.getMessage());
    }
}
