package dev.cloudjar.dynamodb.partiql;

import java.util.ArrayList;
import java.util.List;

/** Splits a PartiQL statement into tokens: words, "quoted names", 'strings', numbers, ? and symbols. */
final class PartiqlLexer {
    enum Kind { WORD, QUOTED_NAME, STRING, NUMBER, PARAMETER, SYMBOL, EOF }

    record Token(Kind kind, String text) {
        boolean is(String symbolOrKeyword) {
            return (kind == Kind.SYMBOL || kind == Kind.WORD) && text.equalsIgnoreCase(symbolOrKeyword);
        }
    }

    private static final List<String> SYMBOLS = List.of("<<", ">>", "<>", "!=", "<=", ">=", "(", ")", "[", "]",
            "{", "}", ",", ".", ":", "=", "<", ">", "+", "-", "*");

    private PartiqlLexer() {
    }

    static List<Token> tokens(String source) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"' || c == '\'') {
                int end = i + 1;
                StringBuilder text = new StringBuilder();
                while (true) {
                    if (end >= source.length()) {
                        throw PartiqlParser.malformed("unterminated " + (c == '"' ? "quoted name" : "string"));
                    }
                    if (source.charAt(end) == c) {
                        // A doubled quote inside quotes stands for the quote itself.
                        if (end + 1 < source.length() && source.charAt(end + 1) == c) {
                            text.append(c);
                            end += 2;
                            continue;
                        }
                        break;
                    }
                    text.append(source.charAt(end++));
                }
                out.add(new Token(c == '"' ? Kind.QUOTED_NAME : Kind.STRING, text.toString()));
                i = end + 1;
            } else if (Character.isDigit(c)) {
                int end = i;
                while (end < source.length() && (Character.isDigit(source.charAt(end)) || source.charAt(end) == '.'
                        || source.charAt(end) == 'e' || source.charAt(end) == 'E'
                        || ((source.charAt(end) == '-' || source.charAt(end) == '+')
                        && (source.charAt(end - 1) == 'e' || source.charAt(end - 1) == 'E')))) {
                    end++;
                }
                out.add(new Token(Kind.NUMBER, source.substring(i, end)));
                i = end;
            } else if (c == '?') {
                out.add(new Token(Kind.PARAMETER, "?"));
                i++;
            } else if (Character.isLetter(c) || c == '_') {
                int end = i;
                while (end < source.length() && (Character.isLetterOrDigit(source.charAt(end)) || source.charAt(end) == '_')) {
                    end++;
                }
                out.add(new Token(Kind.WORD, source.substring(i, end)));
                i = end;
            } else {
                int at = i;
                String symbol = SYMBOLS.stream().filter(s -> source.startsWith(s, at)).findFirst()
                        .orElseThrow(() -> PartiqlParser.malformed("unexpected character '" + c + "'"));
                out.add(new Token(Kind.SYMBOL, symbol));
                i += symbol.length();
            }
        }
        out.add(new Token(Kind.EOF, ""));
        return out;
    }
}
