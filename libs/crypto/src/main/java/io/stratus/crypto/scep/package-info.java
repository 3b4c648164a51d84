/**
 * SCEP (RFC 8894) messages: {@link io.stratus.crypto.scep.ScepServer} decodes pkiMessages and builds
 * CertRep replies, {@link io.stratus.crypto.scep.ScepClientMessages} builds requests and reads replies.
 * HTTP handling (GetCACaps, GetCACert, PKIOperation) belongs to the enrollment service.
 */
package io.stratus.crypto.scep;
