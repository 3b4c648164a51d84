package io.stratus.events;

/** A CA was paused, resumed, revoked, or activated (after an external signature). */
public record AuthorityStatusChangedEvent(String tenant, String authorityId, AuthorityStatus status, String reason)
        implements StratusEvent {
    @Override
    public String key() {
        return authorityId;
    }
}
