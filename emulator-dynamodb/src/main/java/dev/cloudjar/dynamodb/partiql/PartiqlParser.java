package dev.cloudjar.dynamodb.partiql;

import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.dynamodb.DynamoDbErrors;
import dev.cloudjar.dynamodb.partiql.PartiqlAst.And;
import dev.cloudjar.dynamodb.partiql.PartiqlAst.Arithmetic;
import dev.cloudjar.dynamodb.partiql.PartiqlAst.Assignment;
import dev.cloudjar.dynamodb.partiql.PartiqlAst.Between;
import dev.cloudjar.dynamodb.partiql.PartiqlAst.Call;
import dev.cloudjar.dynamodb.partiql.PartiqlAst.Comparison;
import dev.cloudjar.dynamodb.partiql.PartiqlAst.Condition;
import dev.cloudjar.dynamodb.partiql.PartiqlAst.Delete;
import dev.cloudjar.dynamodb.partiql.PartiqlAst.In;
import dev.cloudjar.dynamodb.partiql.PartiqlAst.Insert;
import dev.cloudjar.dynamodb.partiql.PartiqlAst.Missing;
import dev.cloudjar.dynamodb.partiql.PartiqlAst.Not;
import dev.cloudjar.dynamodb.partiql.PartiqlAst.Operand;
import dev.cloudjar.dynamodb.partiql.PartiqlAst.Or;
import dev.cloudjar.dynamodb.partiql.PartiqlAst.Path;
import dev.cloudjar.dynamodb.partiql.PartiqlAst.Predicate;
import dev.cloudjar.dynamodb.partiql.PartiqlAst.Select;
import dev.cloudjar.dynamodb.partiql.PartiqlAst.Statement;
import dev.cloudjar.dynamodb.partiql.PartiqlAst.Update;
import dev.cloudjar.dynamodb.partiql.PartiqlAst.Value;
import dev.cloudjar.dynamodb.partiql.PartiqlLexer.Kind;
import dev.cloudjar.dynamodb.partiql.PartiqlLexer.Token;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A recursive-descent parser for DynamoDB's PartiQL: SELECT (projection, FROM table or
 * table."index", WHERE), INSERT INTO ... VALUE {...}, UPDATE ... SET/REMOVE ... WHERE and
 * DELETE FROM ... WHERE, with literals, {maps}, [lists], <<sets>> and ? parameters.
 */
final class PartiqlParser {
    private static final Set<String> COMPARATORS = Set.of("=", "<>", "!=", "<", "<=", ">", ">=");
    private static final Set<String> PREDICATES = Set.of("begins_with", "contains", "attribute_type",
            "attribute_exists", "attribute_not_exists");

    private final List<Token> tokens;
    private final List<Object> parameters;
    private int position;
    private int nextParameter;

    private PartiqlParser(String statement, List<Object> parameters) {
        this.tokens = PartiqlLexer.tokens(statement);
        this.parameters = parameters == null ? List.of() : parameters;
    }

    static Statement parse(String statement, List<Object> parameters) {
        PartiqlParser parser = new PartiqlParser(statement, parameters);
        Statement parsed = parser.statement();
        parser.expectEnd();
        if (parser.nextParameter != parser.parameters.size()) {
            throw DynamoDbErrors.validation("Number of parameters in request and statement don't match.");
        }
        return parsed;
    }

    static AwsException malformed(String detail) {
        return DynamoDbErrors.validation("Statement wasn't well formed, can't be processed: " + detail);
    }

    private Statement statement() {
        Token first = next();
        if (first.is("SELECT")) {
            return select();
        }
        if (first.is("INSERT")) {
            expect("INTO");
            String table = name();
            expect("VALUE");
            Object item = value();
            if (!(item instanceof Map<?, ?> union) || !union.containsKey("M")) {
                throw malformed("INSERT VALUE must be a tuple");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> attributes = (Map<String, Object>) union.get("M");
            return new Insert(table, attributes);
        }
        if (first.is("UPDATE")) {
            return update();
        }
        if (first.is("DELETE")) {
            expect("FROM");
            String table = name();
            return new Delete(table, where());
        }
        throw malformed("unexpected keyword " + first.text());
    }

    private Select select() {
        List<Path> projection = new ArrayList<>();
        if (!accept("*")) {
            do {
                projection.add(path());
            } while (accept(","));
        }
        expect("FROM");
        String table = name();
        String index = accept(".") ? name() : null;
        return new Select(table, index, projection, where());
    }

    private Update update() {
        String table = name();
        List<Assignment> set = new ArrayList<>();
        List<Path> remove = new ArrayList<>();
        while (true) {
            if (accept("SET")) {
                do {
                    Path path = path();
                    expect("=");
                    set.add(new Assignment(path, arithmetic()));
                } while (accept(","));
            } else if (accept("REMOVE")) {
                do {
                    remove.add(path());
                } while (accept(","));
            } else {
                break;
            }
        }
        if (set.isEmpty() && remove.isEmpty()) {
            throw malformed("UPDATE needs a SET or REMOVE clause");
        }
        return new Update(table, set, remove, where());
    }

    private Condition where() {
        return accept("WHERE") ? or() : null;
    }

    private Condition or() {
        List<Condition> terms = new ArrayList<>(List.of(and()));
        while (accept("OR")) {
            terms.add(and());
        }
        return terms.size() == 1 ? terms.get(0) : new Or(terms);
    }

    private Condition and() {
        List<Condition> terms = new ArrayList<>(List.of(not()));
        while (accept("AND")) {
            terms.add(not());
        }
        return terms.size() == 1 ? terms.get(0) : new And(terms);
    }

    private Condition not() {
        return accept("NOT") ? new Not(not()) : predicate();
    }

    private Condition predicate() {
        if (peek().is("(")) {
            int mark = position;
            int markParameter = nextParameter;
            next();
            // A parenthesised condition, unless it turns out to be an operand such as (a + 1).
            try {
                Condition inner = or();
                expect(")");
                return inner;
            } catch (AwsException notACondition) {
                position = mark;
                nextParameter = markParameter;
            }
        }
        Token token = peek();
        if (token.kind() == Kind.WORD && PREDICATES.contains(token.text().toLowerCase()) && tokens.get(position + 1).is("(")) {
            next();
            return new Predicate(token.text().toLowerCase(), arguments());
        }
        Operand subject = arithmetic();
        if (accept("BETWEEN")) {
            Operand low = arithmetic();
            expect("AND");
            return new Between(subject, low, arithmetic());
        }
        if (accept("IN")) {
            String close = accept("[") ? "]" : expectThen("(", ")");
            List<Operand> candidates = new ArrayList<>();
            do {
                candidates.add(operand());
            } while (accept(","));
            expect(close);
            return new In(subject, candidates);
        }
        if (accept("IS")) {
            boolean negated = accept("NOT");
            expect("MISSING");
            if (!(subject instanceof Path path)) {
                throw malformed("IS MISSING applies to an attribute");
            }
            return new Missing(path, negated);
        }
        Token comparator = next();
        if (comparator.kind() != Kind.SYMBOL || !COMPARATORS.contains(comparator.text())) {
            throw malformed("expected a comparison but found '" + comparator.text() + "'");
        }
        return new Comparison(subject, comparator.text().equals("!=") ? "<>" : comparator.text(), arithmetic());
    }

    private Operand arithmetic() {
        Operand left = operand();
        while (peek().is("+") || peek().is("-")) {
            left = new Arithmetic(left, next().text(), operand());
        }
        return left;
    }

    private Operand operand() {
        Token token = peek();
        if (token.kind() == Kind.WORD && tokens.get(position + 1).is("(")) {
            next();
            return new Call(token.text().toLowerCase(), arguments());
        }
        if (token.kind() == Kind.WORD && !isLiteralWord(token) || token.kind() == Kind.QUOTED_NAME) {
            return path();
        }
        return new Value(value());
    }

    private List<Operand> arguments() {
        expect("(");
        List<Operand> arguments = new ArrayList<>();
        if (!accept(")")) {
            do {
                arguments.add(arithmetic());
            } while (accept(","));
            expect(")");
        }
        return arguments;
    }

    private Path path() {
        List<Object> segments = new ArrayList<>(List.of(name()));
        while (true) {
            if (peek().is(".") && (tokens.get(position + 1).kind() == Kind.WORD
                    || tokens.get(position + 1).kind() == Kind.QUOTED_NAME)) {
                next();
                segments.add(name());
            } else if (accept("[")) {
                Token index = next();
                if (index.kind() != Kind.NUMBER) {
                    throw malformed("a list index must be a number");
                }
                segments.add(Integer.parseInt(index.text()));
                expect("]");
            } else {
                return new Path(segments);
            }
        }
    }

    /** A literal or a parameter as an AttributeValue in wire form. */
    private Object value() {
        Token token = next();
        switch (token.kind()) {
            case STRING:
                return Map.of("S", token.text());
            case NUMBER:
                return Map.of("N", token.text());
            case PARAMETER:
                if (nextParameter >= parameters.size()) {
                    throw DynamoDbErrors.validation("Number of parameters in request and statement don't match.");
                }
                return parameters.get(nextParameter++);
            case WORD:
                if (token.is("TRUE") || token.is("FALSE")) {
                    return Map.of("BOOL", token.is("TRUE"));
                }
                if (token.is("NULL")) {
                    return Map.of("NULL", true);
                }
                throw malformed("unexpected '" + token.text() + "'");
            case SYMBOL:
                if (token.is("-") && peek().kind() == Kind.NUMBER) {
                    return Map.of("N", "-" + next().text());
                }
                if (token.is("{")) {
                    return Map.of("M", tuple());
                }
                if (token.is("[")) {
                    return Map.of("L", list("]"));
                }
                if (token.is("<<")) {
                    return set(list(">>"));
                }
                throw malformed("unexpected '" + token.text() + "'");
            default:
                throw malformed("unexpected end of statement");
        }
    }

    private Map<String, Object> tuple() {
        Map<String, Object> out = new LinkedHashMap<>();
        if (accept("}")) {
            return out;
        }
        do {
            Token key = next();
            if (key.kind() != Kind.STRING) {
                throw malformed("tuple keys are 'quoted strings'");
            }
            expect(":");
            out.put(key.text(), value());
        } while (accept(","));
        expect("}");
        return out;
    }

    private List<Object> list(String close) {
        List<Object> out = new ArrayList<>();
        if (accept(close)) {
            return out;
        }
        do {
            out.add(value());
        } while (accept(","));
        expect(close);
        return out;
    }

    /** A bag {@code <<...>>} of strings, numbers or binaries is a set. */
    private static Object set(List<Object> members) {
        if (members.isEmpty()) {
            throw malformed("a set must not be empty");
        }
        String type = ((Map<?, ?>) members.get(0)).keySet().iterator().next().toString();
        if (!type.equals("S") && !type.equals("N") && !type.equals("B")) {
            throw malformed("sets hold strings, numbers or binaries");
        }
        List<Object> values = new ArrayList<>();
        for (Object member : members) {
            Object v = ((Map<?, ?>) member).get(type);
            if (v == null) {
                throw malformed("a set's members must have one type");
            }
            values.add(v);
        }
        return Map.of(type + "S", values);
    }

    private static boolean isLiteralWord(Token token) {
        return token.is("TRUE") || token.is("FALSE") || token.is("NULL");
    }

    private String name() {
        Token token = next();
        if (token.kind() != Kind.WORD && token.kind() != Kind.QUOTED_NAME) {
            throw malformed("expected a name but found '" + token.text() + "'");
        }
        return token.text();
    }

    private Token peek() {
        return tokens.get(position);
    }

    private Token next() {
        Token token = tokens.get(position);
        if (token.kind() != Kind.EOF) {
            position++;
        }
        return token;
    }

    private boolean accept(String symbolOrKeyword) {
        if (peek().is(symbolOrKeyword)) {
            position++;
            return true;
        }
        return false;
    }

    private void expect(String symbolOrKeyword) {
        if (!accept(symbolOrKeyword)) {
            throw malformed("expected " + symbolOrKeyword + " but found '" + peek().text() + "'");
        }
    }

    /** Expects {@code open} and returns the symbol that closes it. */
    private String expectThen(String open, String close) {
        expect(open);
        return close;
    }

    private void expectEnd() {
        if (peek().kind() != Kind.EOF) {
            throw malformed("unexpected '" + peek().text() + "' after the statement");
        }
    }
}
