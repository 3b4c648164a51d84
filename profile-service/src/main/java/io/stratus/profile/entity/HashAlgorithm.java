package io.stratus.profile.entity;

/** The hash a device signs its certificate request with: the SHA-2 family only (SHA-1 is refused as weak). */
public enum HashAlgorithm {
    SHA256, SHA384, SHA512
}
