package io.stratus.console.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.stratus.console.api.Authority;

/** The CA hierarchy: each root with its issuing CAs; an issuing CA whose root is not here (external) stands alone. */
public record AuthorityTree(Authority ca, List<AuthorityTree> children) {

    public static List<AuthorityTree> of(List<Authority> authorities) {
        Set<String> ids = authorities.stream().map(Authority::id).collect(Collectors.toSet());
        Comparator<Authority> byName = Comparator.comparing(Authority::displayName, String.CASE_INSENSITIVE_ORDER);
        List<AuthorityTree> top = new ArrayList<>();
        for (Authority ca : authorities.stream().sorted(byName).toList()) {
            if (ca.parentId() == null || !ids.contains(ca.parentId())) {
                List<AuthorityTree> children = authorities.stream().filter(c -> ca.id().equals(c.parentId()))
                        .sorted(byName).map(c -> new AuthorityTree(c, List.of())).toList();
                top.add(new AuthorityTree(ca, children));
            }
        }
        return top;
    }
}
