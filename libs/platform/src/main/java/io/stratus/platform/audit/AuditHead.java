package io.stratus.platform.audit;

/** The end of a tenant's audit chain: its last sequence and hash, and the seal over both. */
public record AuditHead(String tenant, long lastSequence, String lastHash, String mac) {
}
