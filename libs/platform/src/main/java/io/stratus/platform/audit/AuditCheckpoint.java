package io.stratus.platform.audit;

/** A record of the chain as published on the audit topic: its sequence, hash and seal. */
public record AuditCheckpoint(long sequence, String hash, String mac) {
}
