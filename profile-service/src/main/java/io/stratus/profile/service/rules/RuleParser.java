package io.stratus.profile.service.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * A hand-written recursive-descent parser for membership rules:
 *
 * <pre>
 * rule       = or
 * or         = and { "-or" and }
 * and        = primary { "-and" primary }
 * primary    = "(" or ")" | comparison
 * comparison = attribute operator value
 * operator   = "-eq" | "-ne" | "-startsWith" | "-contains" | "-notContains"
 * value      = '"' chars '"'  (\" and \\ escape)  | "null"
 * </pre>
 *
 * Keywords are case-insensitive; -and binds tighter than -or. Errors name the 1-based position.
 */
public final class RuleParser {

    public static final int MAX_LENGTH = 2048;

    private final List<Token> tokens;
    private int next;
    /** Set by the first attribute; every other attribute must be of the same subject. */
    private RuleSubject subject;

    private RuleParser(String text) {
        this.tokens = tokenize(text);
    }

    public static MembershipRule parse(String text) {
        if (text == null || text.isBlank()) {
            throw new RuleSyntaxException(1, "the rule is empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw new RuleSyntaxException(MAX_LENGTH + 1, "the rule is longer than " + MAX_LENGTH + " characters");
        }
        RuleParser parser = new RuleParser(text);
        RuleExpression expression = parser.or();
        Token trailing = parser.peek();
        if (trailing.kind != Kind.END) {
            throw new RuleSyntaxException(trailing.position, "expected -and, -or or the end of the rule, found '"
                    + trailing.text + "'");
        }
        return new MembershipRule(text.trim(), expression, parser.subject);
    }

    private RuleExpression or() {
        RuleExpression left = and();
        while (peek().isWord("-or")) {
            next++;
            left = new RuleExpression.Or(left, and());
        }
        return left;
    }

    private RuleExpression and() {
        RuleExpression left = primary();
        while (peek().isWord("-and")) {
            next++;
            left = new RuleExpression.And(left, primary());
        }
        return left;
    }

    private RuleExpression primary() {
        Token token = take();
        if (token.kind == Kind.OPEN) {
            RuleExpression inner = or();
            Token close = take();
            if (close.kind != Kind.CLOSE) {
                throw new RuleSyntaxException(close.position, "expected ')' to close the '(' at position "
                        + token.position + ", found " + close.describe());
            }
            return inner;
        }
        if (token.kind != Kind.WORD || token.text.startsWith("-")) {
            throw new RuleSyntaxException(token.position, "expected an attribute such as device.name or '(', found "
                    + token.describe());
        }
        RuleAttribute attribute = RuleAttribute.named(token.text);
        if (attribute == null) {
            throw new RuleSyntaxException(token.position, "unknown attribute '" + token.text + "' (known: "
                    + RuleAttribute.allNames() + ")");
        }
        if (subject != null && subject != attribute.subject()) {
            throw new RuleSyntaxException(token.position, "a rule tests either device.* or user.* attributes, not"
                    + " both ('" + token.text + "')");
        }
        subject = attribute.subject();
        Token operatorToken = take();
        RuleExpression.Operator operator = operatorToken.kind == Kind.WORD
                ? RuleExpression.Operator.of(operatorToken.text) : null;
        if (operator == null) {
            throw new RuleSyntaxException(operatorToken.position, "expected an operator (-eq, -ne, -startsWith,"
                    + " -contains, -notContains), found " + operatorToken.describe());
        }
        Token value = take();
        if (value.kind == Kind.STRING) {
            return new RuleExpression.Comparison(attribute, operator, value.text);
        }
        if (value.isWord("null")) {
            return new RuleExpression.Comparison(attribute, operator, "");
        }
        throw new RuleSyntaxException(value.position, "expected a value in double quotes (or null), found "
                + value.describe());
    }

    private Token peek() {
        return tokens.get(next);
    }

    private Token take() {
        Token token = tokens.get(next);
        if (token.kind != Kind.END) {
            next++;
        }
        return token;
    }

    private enum Kind {
        WORD, STRING, OPEN, CLOSE, END
    }

    private record Token(Kind kind, String text, int position) {
        boolean isWord(String word) {
            return kind == Kind.WORD && text.equalsIgnoreCase(word);
        }

        String describe() {
            switch (kind) {
                case END:
                    return "the end of the rule";
                case STRING:
                    return "\"" + text + "\"";
                default:
                    return "'" + text + "'";
            }
        }
    }

    private static List<Token> tokenize(String text) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(') {
                tokens.add(new Token(Kind.OPEN, "(", i + 1));
                i++;
            } else if (c == ')') {
                tokens.add(new Token(Kind.CLOSE, ")", i + 1));
                i++;
            } else if (c == '"') {
                i = quoted(text, i, tokens);
            } else if (isWordChar(c)) {
                int start = i;
                while (i < text.length() && isWordChar(text.charAt(i))) {
                    i++;
                }
                tokens.add(new Token(Kind.WORD, text.substring(start, i), start + 1));
            } else {
                throw new RuleSyntaxException(i + 1, "unexpected character '" + c + "'");
            }
        }
        tokens.add(new Token(Kind.END, "", text.length() + 1));
        return tokens;
    }

    /** Reads a double-quoted string starting at {@code start}; returns the index after its closing quote. */
    private static int quoted(String text, int start, List<Token> tokens) {
        StringBuilder value = new StringBuilder();
        int i = start + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"') {
                tokens.add(new Token(Kind.STRING, value.toString(), start + 1));
                return i + 1;
            }
            if (c == '\\') {
                if (i + 1 >= text.length() || (text.charAt(i + 1) != '"' && text.charAt(i + 1) != '\\')) {
                    throw new RuleSyntaxException(i + 1, "only \\\" and \\\\ may follow a backslash");
                }
                value.append(text.charAt(i + 1));
                i += 2;
                continue;
            }
            if (Character.isISOControl(c)) {
                throw new RuleSyntaxException(i + 1, "control character in a value");
            }
            value.append(c);
            i++;
        }
        throw new RuleSyntaxException(start + 1, "the value that starts here has no closing '\"'");
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_';
    }
}
