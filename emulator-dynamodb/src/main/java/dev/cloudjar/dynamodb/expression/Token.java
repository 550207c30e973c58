package dev.cloudjar.dynamodb.expression;

/** A lexical token of an expression with its position in the source, for AWS's "near" context. */
record Token(Kind kind, String text, int start, int end) {
    enum Kind {
        NAME, NAME_REF, VALUE_REF, NUMBER, KEYWORD,
        LPAREN, RPAREN, LBRACKET, RBRACKET, DOT, COMMA,
        EQ, NE, LT, LE, GT, GE, PLUS, MINUS,
        /** A character no token starts with, or a lone '#' or ':'. */
        INVALID,
        EOF
    }

    boolean is(Kind k) {
        return kind == k;
    }

    boolean isKeyword(String keyword) {
        return kind == Kind.KEYWORD && text.equalsIgnoreCase(keyword);
    }

    /** The token as AWS quotes it in syntax errors. */
    String display() {
        return kind == Kind.EOF ? "<EOF>" : text;
    }
}
