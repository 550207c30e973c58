package dev.cloudjar.dynamodb.partiql;

import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.dynamodb.partiql.PartiqlAst.Insert;
import dev.cloudjar.dynamodb.partiql.PartiqlAst.Select;
import dev.cloudjar.dynamodb.partiql.PartiqlAst.Update;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PartiqlParserTest {

    private static String where(String statement, Object... parameters) {
        Select select = (Select) PartiqlParser.parse(statement, List.of(parameters));
        return new ExpressionRenderer().condition(select.where());
    }

    @Test
    void selectFromAnIndexWithNestedPathsAndListIndexes() {
        Select select = (Select) PartiqlParser.parse("SELECT a.b[2].c, \"x.y\" FROM \"my-table\".\"by-x\"", List.of());

        assertEquals("my-table", select.table());
        assertEquals("by-x", select.index());
        assertEquals(List.of("a", "b", 2, "c"), select.projection().get(0).segments());
        assertEquals(List.of("x.y"), select.projection().get(1).segments());
    }

    @Test
    void conditionsRenderAsDynamoDbExpressionsWithPlaceholders() {
        assertEquals("(#n0 = :v0) AND ((#n1 < :v1) OR (NOT (#n2 BETWEEN :v2 AND :v3)))",
                where("SELECT * FROM t WHERE pk = 'a' AND (n < -5 OR NOT m BETWEEN 1 AND ?)", Map.of("N", "9")));
        assertEquals("begins_with(#n0, :v0)", where("SELECT * FROM t WHERE begins_with(sk, 'x')"));
        assertEquals("#n0 IN (:v0, :v1)", where("SELECT * FROM t WHERE s IN ['a', 'b']"));
        assertEquals("attribute_exists(#n0)", where("SELECT * FROM t WHERE s IS NOT MISSING"));
        assertEquals("#n0 <> :v0", where("SELECT * FROM t WHERE s != 'a'"));
    }

    @Test
    void insertValuesBecomeAttributeValues() {
        Insert insert = (Insert) PartiqlParser.parse(
                "INSERT INTO t VALUE {'s': 'it''s', 'n': -1.5, 'b': false, 'z': null, 'ss': <<'a', 'b'>>, 'ns': <<1, 2>>, "
                        + "'l': [1, 'x'], 'm': {'k': ?}}", List.of(Map.of("S", "p")));

        assertEquals(Map.of("S", "it's"), insert.item().get("s"));
        assertEquals(Map.of("N", "-1.5"), insert.item().get("n"));
        assertEquals(Map.of("BOOL", false), insert.item().get("b"));
        assertEquals(Map.of("NULL", true), insert.item().get("z"));
        assertEquals(Map.of("SS", List.of("a", "b")), insert.item().get("ss"));
        assertEquals(Map.of("NS", List.of("1", "2")), insert.item().get("ns"));
        assertEquals(Map.of("L", List.of(Map.of("N", "1"), Map.of("S", "x"))), insert.item().get("l"));
        assertEquals(Map.of("M", Map.of("k", Map.of("S", "p"))), insert.item().get("m"));
    }

    @Test
    void updateTakesSetAndRemoveClausesInAnyNumber() {
        Update update = (Update) PartiqlParser.parse(
                "UPDATE t SET a = a + 1, b = list_append(b, [2]) REMOVE c SET d = 'x' WHERE pk = 'k'", List.of());

        assertEquals(3, update.set().size());
        assertEquals(1, update.remove().size());
        ExpressionRenderer renderer = new ExpressionRenderer();
        assertEquals("#n0 + :v0", renderer.operand(update.set().get(0).value()));
        assertEquals("list_append(#n1, :v1)", renderer.operand(update.set().get(1).value()));
    }

    @Test
    void parametersMustMatchThePlaceholders() {
        assertValidation("SELECT * FROM t WHERE pk = ?");
        assertValidation("SELECT * FROM t WHERE pk = 'a'", Map.of("S", "extra"));
    }

    @Test
    void malformedStatementsAreValidationErrorsSayingSo() {
        for (String statement : List.of("SELECT FROM t", "SELECT * FROM t WHERE", "DROP TABLE t", "INSERT INTO t VALUE 1",
                "SELECT * FROM t WHERE a = 'unterminated", "UPDATE t WHERE pk = 'a'", "SELECT * FROM t extra")) {
            assertTrue(assertValidation(statement).startsWith("Statement wasn't well formed"), statement);
        }
    }

    private static String assertValidation(String statement, Object... parameters) {
        AwsException e = assertThrows(AwsException.class, () -> PartiqlParser.parse(statement, List.of(parameters)));
        assertEquals("ValidationException", e.code());
        return e.getMessage();
    }
}
