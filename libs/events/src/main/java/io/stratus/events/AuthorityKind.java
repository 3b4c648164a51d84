package io.stratus.events;

/** Root CA (self-signed) or issuing CA (signed by a root, or by an external CA). */
public enum AuthorityKind {
    ROOT, ISSUING
}
