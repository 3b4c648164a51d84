package io.stratus.profile.entity;

import java.util.List;

/** The subject alternative names of a SCEP profile, as stored (a JSON object with the list in {@code items}). */
public record SanTemplates(List<SanTemplate> items) {
    public SanTemplates {
        items = items == null ? List.of() : List.copyOf(items);
    }
}
