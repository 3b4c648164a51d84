package io.stratus.profile.service.rules;

import java.util.Locale;

/** The parsed form of a membership rule: comparisons joined by -and / -or. Values compare case-insensitively. */
public interface RuleExpression {

    boolean test(AttributeValues values);

    /** Gives the value of an attribute for the candidate being tested (empty string when absent). */
    interface AttributeValues {
        String get(RuleAttribute attribute);
    }

    /** The operators of a comparison. */
    enum Operator {
        EQ("-eq"), NE("-ne"), STARTS_WITH("-startsWith"), CONTAINS("-contains"), NOT_CONTAINS("-notContains");

        private final String token;

        Operator(String token) {
            this.token = token;
        }

        public String token() {
            return token;
        }

        static Operator of(String token) {
            for (Operator operator : values()) {
                if (operator.token.equalsIgnoreCase(token)) {
                    return operator;
                }
            }
            return null;
        }
    }

    /** {@code attribute operator "value"}. */
    record Comparison(RuleAttribute attribute, Operator operator, String value) implements RuleExpression {

        public Comparison {
            value = value.toLowerCase(Locale.ROOT);
        }

        @Override
        public boolean test(AttributeValues values) {
            String actual = values.get(attribute).toLowerCase(Locale.ROOT);
            switch (operator) {
                case EQ:
                    return actual.equals(value);
                case NE:
                    return !actual.equals(value);
                case STARTS_WITH:
                    return actual.startsWith(value);
                case CONTAINS:
                    return actual.contains(value);
                case NOT_CONTAINS:
                    return !actual.contains(value);
                default:
                    throw new IllegalStateException("unknown operator " + operator);
            }
        }
    }

    record And(RuleExpression left, RuleExpression right) implements RuleExpression {
        @Override
        public boolean test(AttributeValues values) {
            return left.test(values) && right.test(values);
        }
    }

    record Or(RuleExpression left, RuleExpression right) implements RuleExpression {
        @Override
        public boolean test(AttributeValues values) {
            return left.test(values) || right.test(values);
        }
    }
}
