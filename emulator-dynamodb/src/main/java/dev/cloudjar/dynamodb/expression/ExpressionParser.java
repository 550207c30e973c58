package dev.cloudjar.dynamodb.expression;

import dev.cloudjar.dynamodb.DynamoDbErrors;
import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.dynamodb.item.AttributeValue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses DynamoDB's expression language, substituting expression attribute names and values as
 * it goes. Errors carry AWS's wording, prefixed "Invalid &lt;ExpressionKind&gt;: ". Precedence as
 * AWS documents it: comparators, BETWEEN and IN bind tightest, then NOT, AND, OR.
 */
public final class ExpressionParser {
    static final Set<String> CONDITION_FUNCTIONS = Set.of(
            "attribute_exists", "attribute_not_exists", "attribute_type", "begins_with", "contains");
    static final Set<String> UPDATE_FUNCTIONS = Set.of("if_not_exists", "list_append");
    private static final String SIZE = "size";

    private final String kind;
    private final String source;
    private final List<Token> tokens;
    private final ExpressionAttributes attributes;
    /** For each '(' token, the index of its ')' (or -1). */
    private final int[] closing;
    private int position;

    private ExpressionParser(String kind, String source, ExpressionAttributes attributes) {
        this.kind = kind;
        this.source = source;
        this.attributes = attributes;
        this.tokens = Lexer.tokens(source);
        if (tokens.size() == 1) {
            throw error("The expression can not be empty;");
        }
        this.closing = closingParentheses(tokens);
    }

    private static int[] closingParentheses(List<Token> tokens) {
        int[] closing = new int[tokens.size()];
        Arrays.fill(closing, -1);
        Deque<Integer> open = new ArrayDeque<>();
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).is(Token.Kind.LPAREN)) {
                open.push(i);
            } else if (tokens.get(i).is(Token.Kind.RPAREN) && !open.isEmpty()) {
                closing[open.pop()] = i;
            }
        }
        return closing;
    }

    /** ConditionExpression, FilterExpression or KeyConditionExpression, as {@code kind} names it. */
    public static Condition condition(String kind, String source, ExpressionAttributes attributes) {
        ExpressionParser parser = new ExpressionParser(kind, source, attributes);
        Condition condition = parser.or();
        parser.expect(Token.Kind.EOF);
        return condition;
    }

    public static UpdateExpression update(String source, ExpressionAttributes attributes) {
        ExpressionParser parser = new ExpressionParser("UpdateExpression", source, attributes);
        UpdateExpression update = parser.updateClauses();
        PathChecks.requireNoOverlap("UpdateExpression",
                update.actions().stream().map(UpdateExpression.Action::path).toList());
        return update;
    }

    public static List<Path> projection(String source, ExpressionAttributes attributes) {
        ExpressionParser parser = new ExpressionParser("ProjectionExpression", source, attributes);
        List<Path> paths = new ArrayList<>();
        do {
            paths.add(parser.path());
        } while (parser.accept(Token.Kind.COMMA));
        parser.expect(Token.Kind.EOF);
        PathChecks.requireNoOverlap("ProjectionExpression", paths);
        return paths;
    }

    // ---- conditions

    private Condition or() {
        Condition left = and();
        while (peek().isKeyword("OR")) {
            position++;
            left = new Condition.Or(left, and());
        }
        return left;
    }

    private Condition and() {
        Condition left = not();
        while (peek().isKeyword("AND")) {
            position++;
            left = new Condition.And(left, not());
        }
        return left;
    }

    private Condition not() {
        if (peek().isKeyword("NOT")) {
            position++;
            return new Condition.Not(not());
        }
        return primary();
    }

    private Condition primary() {
        if (peek().is(Token.Kind.LPAREN)) {
            requireNoRedundantParentheses();
            position++;
            Condition inner = or();
            expect(Token.Kind.RPAREN);
            return inner;
        }
        if (isFunctionCall() && CONDITION_FUNCTIONS.contains(peek().text())) {
            return conditionFunction();
        }
        Operand left = operand();
        Token t = peek();
        Condition.Comparator comparator = comparator(t);
        if (comparator != null) {
            position++;
            Operand right = operand();
            requireDistinct(t.text(), left, right);
            return new Condition.Compare(comparator, left, right);
        }
        if (t.isKeyword("BETWEEN")) {
            position++;
            Operand lower = operand();
            if (!peek().isKeyword("AND")) {
                throw syntaxError(peek());
            }
            position++;
            Operand upper = operand();
            requireOrderedBounds(lower, upper);
            return new Condition.Between(left, lower, upper);
        }
        if (t.isKeyword("IN")) {
            position++;
            expect(Token.Kind.LPAREN);
            List<Operand> candidates = new ArrayList<>();
            do {
                candidates.add(operand());
            } while (accept(Token.Kind.COMMA));
            expect(Token.Kind.RPAREN);
            return new Condition.In(left, candidates);
        }
        throw syntaxError(t);
    }

    private void requireOrderedBounds(Operand lower, Operand upper) {
        if (!(lower instanceof Operand.Value lo) || !(upper instanceof Operand.Value hi)) {
            return;
        }
        String bounds = "lower bound operand: " + Values.show(lo.value()) + ", upper bound operand: "
                + Values.show(hi.value());
        if (lo.value().type() != hi.value().type()) {
            throw error("The BETWEEN operator requires same data type for lower and upper bounds; " + bounds);
        }
        if (Values.comparable(lo.value(), hi.value()) && Values.compare(lo.value(), hi.value()) > 0) {
            throw error("The BETWEEN operator requires upper bound to be greater than or equal to lower bound; " + bounds);
        }
    }

    /** "a = a", "contains(a, a)": a path compared with itself is rejected. */
    private void requireDistinct(String operator, Operand first, Operand second) {
        if (first instanceof Operand.PathOperand p && first.equals(second)) {
            throw error("The first operand must be distinct from the remaining operands for this operator or "
                    + "function; operator: " + operator + ", first operand: " + p.path());
        }
    }

    /** "((x))": AWS rejects a parenthesis pair wrapping nothing but another pair. */
    private void requireNoRedundantParentheses() {
        int outer = position;
        int inner = position + 1;
        if (tokens.get(inner).is(Token.Kind.LPAREN) && closing[outer] >= 0 && closing[inner] == closing[outer] - 1) {
            throw error("The expression has redundant parentheses;");
        }
    }

    private static Condition.Comparator comparator(Token t) {
        return switch (t.kind()) {
            case EQ -> Condition.Comparator.EQ;
            case NE -> Condition.Comparator.NE;
            case LT -> Condition.Comparator.LT;
            case LE -> Condition.Comparator.LE;
            case GT -> Condition.Comparator.GT;
            case GE -> Condition.Comparator.GE;
            default -> null;
        };
    }

    private Condition conditionFunction() {
        String name = next().text();
        List<Operand> arguments = arguments(this::operand);
        int arity = name.equals("attribute_exists") || name.equals("attribute_not_exists") ? 1 : 2;
        requireArity(name, arguments, arity);
        requirePath(name, arguments.get(0));
        if (arguments.size() == 2) {
            requireDistinct(name, arguments.get(0), arguments.get(1));
        }
        if (name.equals("attribute_type")) {
            FunctionChecks.requireTypeName(kind, arguments.get(1));
        }
        if (name.equals("begins_with")) {
            FunctionChecks.requireStringOrBinary(kind, name, arguments.get(1));
        }
        return new Condition.Function(name, arguments);
    }

    /** A path, a value or size(path) — the operands of a condition. */
    private Operand operand() {
        Token t = peek();
        if (isFunctionCall()) {
            String name = t.text();
            if (CONDITION_FUNCTIONS.contains(name)) {
                throw error("The function is not allowed to be used this way in an expression; function: " + name);
            }
            if (UPDATE_FUNCTIONS.contains(name)) {
                throw error("The function is not allowed in a condition expression; function: " + name);
            }
            if (!name.equals(SIZE)) {
                throw error("Invalid function name; function: " + name);
            }
            position++;
            List<Operand> arguments = arguments(this::operand);
            requireArity(name, arguments, 1);
            requirePath(name, arguments.get(0));
            return new Operand.Function(name, arguments);
        }
        if (t.is(Token.Kind.VALUE_REF)) {
            position++;
            return new Operand.Value(t.text(), attributes.value(t.text(), kind));
        }
        return new Operand.PathOperand(path());
    }

    // ---- update expressions

    private UpdateExpression updateClauses() {
        List<UpdateExpression.Action> actions = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        while (!peek().is(Token.Kind.EOF)) {
            Token clause = next();
            if (clause.kind() != Token.Kind.KEYWORD || clause.isKeyword("AND") || clause.isKeyword("OR")
                    || clause.isKeyword("NOT") || clause.isKeyword("BETWEEN") || clause.isKeyword("IN")) {
                throw syntaxError(clause);
            }
            String section = clause.text().toUpperCase(Locale.ROOT);
            if (!seen.add(section)) {
                throw error("The \"" + section + "\" section can only be used once in an update expression;");
            }
            do {
                actions.add(action(section));
            } while (accept(Token.Kind.COMMA));
        }
        return new UpdateExpression(actions);
    }

    private UpdateExpression.Action action(String section) {
        Path path = path();
        return switch (section) {
            case "SET" -> {
                expect(Token.Kind.EQ);
                yield new UpdateExpression.Set(path, setValue());
            }
            case "REMOVE" -> new UpdateExpression.Remove(path);
            case "ADD" -> new UpdateExpression.Add(path, FunctionChecks.addOperand(kind, "ADD", valueRef()));
            default -> new UpdateExpression.Delete(path, FunctionChecks.addOperand(kind, "DELETE", valueRef()));
        };
    }

    private Operand.Value valueRef() {
        Token t = peek();
        if (!t.is(Token.Kind.VALUE_REF)) {
            throw syntaxError(t);
        }
        position++;
        return new Operand.Value(t.text(), attributes.value(t.text(), kind));
    }

    private Operand setValue() {
        Operand left = setOperand();
        if (peek().is(Token.Kind.PLUS) || peek().is(Token.Kind.MINUS)) {
            Token operator = next();
            Operand right = setOperand();
            FunctionChecks.requireValueTypes(kind, operator.text(), List.of(left, right), AttributeValue.Type.N);
            return new Operand.Arithmetic(left, operator.is(Token.Kind.PLUS), right);
        }
        return left;
    }

    private Operand setOperand() {
        Token t = peek();
        if (isFunctionCall()) {
            String name = t.text();
            if (CONDITION_FUNCTIONS.contains(name) || name.equals(SIZE)) {
                throw error("The function is not allowed in an update expression; function: " + name);
            }
            if (!UPDATE_FUNCTIONS.contains(name)) {
                throw error("Invalid function name; function: " + name);
            }
            position++;
            List<Operand> arguments = arguments(this::setValue);
            requireArity(name, arguments, 2);
            if (name.equals("if_not_exists")) {
                requirePath(name, arguments.get(0));
            } else {
                FunctionChecks.requireValueTypes(kind, name, arguments, AttributeValue.Type.L);
            }
            return new Operand.Function(name, arguments);
        }
        if (t.is(Token.Kind.VALUE_REF)) {
            position++;
            return new Operand.Value(t.text(), attributes.value(t.text(), kind));
        }
        return new Operand.PathOperand(path());
    }

    // ---- shared

    private List<Operand> arguments(java.util.function.Supplier<Operand> argument) {
        expect(Token.Kind.LPAREN);
        List<Operand> arguments = new ArrayList<>();
        do {
            arguments.add(argument.get());
        } while (accept(Token.Kind.COMMA));
        expect(Token.Kind.RPAREN);
        return arguments;
    }

    private void requireArity(String function, List<Operand> arguments, int arity) {
        if (arguments.size() != arity) {
            throw error("Incorrect number of operands for operator or function; operator or function: "
                    + function + ", number of operands: " + arguments.size());
        }
    }

    private void requirePath(String function, Operand operand) {
        if (!(operand instanceof Operand.PathOperand)) {
            throw error("Operator or function requires a document path; operator or function: " + function);
        }
    }

    private boolean isFunctionCall() {
        return peek().is(Token.Kind.NAME) && position + 1 < tokens.size()
                && tokens.get(position + 1).is(Token.Kind.LPAREN);
    }

    Path path() {
        List<Path.Element> elements = new ArrayList<>();
        elements.add(new Path.Name(pathName()));
        while (true) {
            if (accept(Token.Kind.DOT)) {
                elements.add(new Path.Name(pathName()));
            } else if (accept(Token.Kind.LBRACKET)) {
                Token index = peek();
                if (!index.is(Token.Kind.NUMBER)) {
                    throw syntaxError(index);
                }
                position++;
                elements.add(new Path.Index(listIndex(index)));
                expect(Token.Kind.RBRACKET);
            } else {
                return new Path(elements);
            }
        }
    }

    private int listIndex(Token index) {
        try {
            return Integer.parseInt(index.text());
        } catch (NumberFormatException e) {
            throw error("List index is not within the allowable range; index: " + index.text());
        }
    }

    private String pathName() {
        Token t = peek();
        if (t.is(Token.Kind.NAME_REF)) {
            position++;
            return attributes.name(t.text(), kind);
        }
        if (t.is(Token.Kind.NAME) && !Character.isDigit(t.text().charAt(0))) {
            position++;
            if (ReservedWords.isReserved(t.text())) {
                throw error("Attribute name is a reserved keyword; reserved keyword: " + t.text());
            }
            return t.text();
        }
        throw syntaxError(t);
    }

    private Token peek() {
        return tokens.get(position);
    }

    private Token next() {
        return tokens.get(position++);
    }

    private boolean accept(Token.Kind k) {
        if (peek().is(k)) {
            position++;
            return true;
        }
        return false;
    }

    private void expect(Token.Kind k) {
        if (!accept(k)) {
            throw syntaxError(peek());
        }
    }

    /** AWS quotes the offending token and the source from the token before it to the token after. */
    private AwsException syntaxError(Token t) {
        int index = tokens.indexOf(t);
        int from = index > 0 ? tokens.get(index - 1).start() : t.start();
        int to = index + 1 < tokens.size() ? tokens.get(index + 1).end() : t.end();
        return error("Syntax error; token: \"" + t.display() + "\", near: \"" + source.substring(from, to) + "\"");
    }

    private AwsException error(String message) {
        return DynamoDbErrors.validation("Invalid " + kind + ": " + message);
    }

    static AwsException error(String kind, String message) {
        return DynamoDbErrors.validation("Invalid " + kind + ": " + message);
    }

    static String typeName(AttributeValue value) {
        return switch (value.type()) {
            case S -> "STRING";
            case N -> "NUMBER";
            case B -> "BINARY";
            case BOOL -> "BOOLEAN";
            case NULL -> "NULL";
            case M -> "MAP";
            case L -> "LIST";
            case SS -> "SET<STRING>";
            case NS -> "SET<NUMBER>";
            case BS -> "SET<BINARY>";
        };
    }
}
