package dev.cloudjar.dynamodb.expression;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits an expression into tokens. The grammar's own words (AND, OR, NOT, BETWEEN, IN and the
 * update clauses) are keywords wherever they appear, so "ADD" in a condition is a syntax error,
 * as on AWS, while other reserved words are reported as reserved when used as names.
 */
final class Lexer {
    private static final Set<String> KEYWORDS = Set.of("AND", "OR", "NOT", "BETWEEN", "IN",
            "SET", "REMOVE", "ADD", "DELETE");

    private Lexer() {
    }

    static List<Token> tokens(String source) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            int start = i;
            Token.Kind kind;
            if (c == '#' || c == ':') {
                i = word(source, i + 1);
                kind = i == start + 1 ? Token.Kind.INVALID : c == '#' ? Token.Kind.NAME_REF : Token.Kind.VALUE_REF;
            } else if (Character.isDigit(c)) {
                i = digits(source, i);
                kind = Token.Kind.NUMBER;
            } else if (isWordChar(c)) {
                i = word(source, i);
                kind = KEYWORDS.contains(source.substring(start, i).toUpperCase(Locale.ROOT))
                        ? Token.Kind.KEYWORD : Token.Kind.NAME;
            } else {
                kind = punctuation(source, i);
                i += kind == Token.Kind.NE || kind == Token.Kind.LE || kind == Token.Kind.GE ? 2 : 1;
            }
            out.add(new Token(kind, source.substring(start, i), start, i));
        }
        out.add(new Token(Token.Kind.EOF, "", n, n));
        return out;
    }

    private static Token.Kind punctuation(String s, int i) {
        char c = s.charAt(i);
        char next = i + 1 < s.length() ? s.charAt(i + 1) : 0;
        return switch (c) {
            case '(' -> Token.Kind.LPAREN;
            case ')' -> Token.Kind.RPAREN;
            case '[' -> Token.Kind.LBRACKET;
            case ']' -> Token.Kind.RBRACKET;
            case '.' -> Token.Kind.DOT;
            case ',' -> Token.Kind.COMMA;
            case '=' -> Token.Kind.EQ;
            case '+' -> Token.Kind.PLUS;
            case '-' -> Token.Kind.MINUS;
            case '<' -> next == '>' ? Token.Kind.NE : next == '=' ? Token.Kind.LE : Token.Kind.LT;
            case '>' -> next == '=' ? Token.Kind.GE : Token.Kind.GT;
            default -> Token.Kind.INVALID;
        };
    }

    private static boolean isWordChar(char c) {
        return c == '_' || Character.isLetterOrDigit(c);
    }

    private static int word(String s, int i) {
        while (i < s.length() && isWordChar(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int digits(String s, int i) {
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            i++;
        }
        return i;
    }
}
