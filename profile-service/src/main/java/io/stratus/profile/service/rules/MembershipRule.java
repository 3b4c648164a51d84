package io.stratus.profile.service.rules;

import io.stratus.profile.entity.AppUser;
import io.stratus.profile.entity.Device;

/** A parsed membership rule of a dynamic group: evaluated in memory against devices or users. */
public record MembershipRule(String text, RuleExpression expression, RuleSubject subject) {

    public boolean matches(Device device) {
        if (subject != RuleSubject.DEVICE) {
            return false;
        }
        return expression.test(attribute -> attribute.of(device));
    }

    public boolean matches(AppUser user) {
        if (subject != RuleSubject.USER) {
            return false;
        }
        return expression.test(attribute -> attribute.of(user));
    }
}
