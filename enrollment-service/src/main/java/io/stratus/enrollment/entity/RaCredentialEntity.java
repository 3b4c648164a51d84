package io.stratus.enrollment.entity;

import java.time.Instant;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The RA key pair of one issuing CA: the private key wrapped under the KEK, the certificate once issued. */
@Entity
@Table(name = "ra_credential")
public class RaCredentialEntity extends PanacheEntityBase {

    @Id
    @Column(name = "authority_id")
    public String authorityId;

    @Column(name = "wrapped_key", nullable = false)
    public byte[] wrappedKey;

    @Column(name = "csr_der", nullable = false)
    public byte[] csrDer;

    @Column(name = "certificate_pem")
    public String certificatePem;

    @Column(name = "transaction_id", nullable = false)
    public String transactionId;

    @Column(name = "next_wrapped_key")
    public byte[] nextWrappedKey;

    @Column(name = "next_csr_der")
    public byte[] nextCsrDer;

    @Column(name = "next_transaction_id")
    public String nextTransactionId;

    /** When the pending RA certificate (or next key's certificate) was last requested; null before V4. */
    @Column(name = "relayed_at")
    public Instant relayedAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "issued_at")
    public Instant issuedAt;
}
