package io.stratus.profile.service.rules;

/** A membership rule that does not parse; {@link #position()} is the 1-based character where it went wrong. */
public class RuleSyntaxException extends IllegalArgumentException {

    private final int position;

    public RuleSyntaxException(int position, String message) {
        super("membershipRule: " + message + " at position " + position);
        this.position = position;
    }

    public int position() {
        return position;
    }
}
