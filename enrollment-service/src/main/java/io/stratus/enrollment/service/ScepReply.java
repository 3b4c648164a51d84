package io.stratus.enrollment.service;

import io.stratus.crypto.scep.MessageType;
import io.stratus.crypto.scep.PkiStatus;

/** A signed CertRep (DER), its status and the request type it answers (null when unknown), for metrics. */
public record ScepReply(byte[] certRep, PkiStatus status, MessageType requestType) {
}
