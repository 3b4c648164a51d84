package io.stratus.ca.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.stratus.ca.entity.AuthorityEntity;
import io.stratus.ca.entity.CaCertificateEntity;
import io.stratus.ca.messaging.EventOutbox;
import io.stratus.ca.messaging.OutboxRelay;
import io.stratus.ca.repository.AuthorityRepository;
import io.stratus.ca.repository.CaCertificateRepository;
import io.stratus.ca.repository.ExternalRenewalRepository;
import io.stratus.ca.rest.dto.CreateAuthorityRequest;
import io.stratus.ca.service.CaCertificateFactory.IssuedCa;
import io.stratus.ca.service.audit.AuditLog;
import io.stratus.crypto.Pem;
import io.stratus.crypto.Serials;
import io.stratus.events.AuthorityCreatedEvent;
import io.stratus.events.AuthorityKind;
import io.stratus.events.AuthorityStatus;
import io.stratus.events.CloudEvent;
import io.stratus.platform.rest.ProblemException;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

/** Creates and reads CAs. A new CA's row and its AuthorityCreated event are committed together. */
@ApplicationScoped
public class AuthorityService {

    private final AuthorityRepository authorities;
    private final AuthorityRequestValidator validator;
    private final ParentAuthorityRules parentRules;
    private final CaCertificateFactory factory;
    private final CaKeyStore keys;
    private final EventOutbox outbox;
    private final OutboxRelay relay;
    private final TenantLimit limit;
    private final ExternalAuthorities external;
    private final AuditLog audit;
    private final Vertx vertx;
    private final CaCertificateRepository generations;
    private final ExternalRenewalRepository externalRenewals;

    public AuthorityService(AuthorityRepository authorities, AuthorityRequestValidator validator,
            ParentAuthorityRules parentRules, CaCertificateFactory factory, CaKeyStore keys, EventOutbox outbox,
            OutboxRelay relay, TenantLimit limit, ExternalAuthorities external, AuditLog audit, Vertx vertx,
            CaCertificateRepository generations, ExternalRenewalRepository externalRenewals) {
        this.generations = generations;
        this.externalRenewals = externalRenewals;
        this.authorities = authorities;
        this.validator = validator;
        this.parentRules = parentRules;
        this.factory = factory;
        this.keys = keys;
        this.outbox = outbox;
        this.relay = relay;
        this.limit = limit;
        this.external = external;
        this.audit = audit;
        this.vertx = vertx;
    }

    /** Creates a CA; {@code actor} is written into the audit log. */
    public Uni<AuthorityEntity> create(String tenant, CreateAuthorityRequest body, String actor) {
        NewAuthority request = validator.validate(tenant, body);
        if (request.external()) {
            return external.create(request, actor);
        }
        Instant notBefore = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String id = UUID.randomUUID().toString();
        return Panache.withSession(() -> limit.check(tenant).chain(() -> parentOf(request)))
                .invoke(parent -> parentRules.check(request, parent, notBefore))
                .chain(parent -> vertx.executeBlocking(
                        Uni.createFrom().item(() -> factory.create(id, request, parent, notBefore)))
                        .chain(ca -> Panache.withTransaction(() -> authorities.lockTenant(tenant)
                                .chain(() -> limit.check(tenant))
                                .chain(() -> persist(id, request, ca, parent))
                                .call(created -> audit.append(tenant, actor, "AUTHORITY_CREATED",
                                        "authority:" + created.id, AuditLog.SUCCESS)))))
                .onFailure().invoke(() -> keys.discard(id))
                .invoke(created -> {
                    Log.infof("created %s CA %s (%s) in tenant %s", created.kind, created.id, created.subjectDn,
                            tenant);
                    relay.trigger();
                });
    }

    public Uni<List<AuthorityEntity>> list(String tenant) {
        return Panache.withSession(() -> authorities.listByTenant(tenant));
    }

    /** The CA, or a 404 problem. */
    public Uni<AuthorityEntity> get(String tenant, String id) {
        return Panache.withSession(() -> authorities.findInTenant(tenant, id))
                .onItem().ifNull().failWith(() -> notFound(tenant, id));
    }

    /** The CA if it has its certificate; a 409 problem while it waits for an external signature. */
    public Uni<AuthorityEntity> getSigned(String tenant, String id) {
        return get(tenant, id).invoke(AuthorityService::requireCertificate);
    }

    /** The CA's current certificate followed by its issuers up to the root (for an external CA: the uploaded chain). */
    public Uni<List<AuthorityEntity>> chain(String tenant, String id) {
        return chain(tenant, id, null);
    }

    /**
     * Like {@link #chain(String, String)} for one certificate generation of the CA (null: the current one). Each
     * issuer is the issuer's certificate that carries the key which signed the certificate below it, so the chain of
     * an older generation still verifies after its root was renewed with a new key. Entries are unsaved copies.
     */
    public Uni<List<AuthorityEntity>> chain(String tenant, String id, Integer generation) {
        return Panache.withSession(() -> authorities.findInTenant(tenant, id)
                .onItem().ifNull().failWith(() -> notFound(tenant, id))
                .invoke(AuthorityService::requireCertificate)
                .chain(ca -> generationOf(ca, generation == null ? ca.generation : generation, generation != null)
                        .chain(row -> {
                            AuthorityEntity self = row == null ? ca : CaGenerations.asAuthority(ca, row);
                            return appendIssuers(new ArrayList<>(List.of(self)),
                                    row == null ? null : row.issuerKeyGeneration);
                        })));
    }

    /** The CA with its certificate generations attached (for API answers). */
    public Uni<AuthorityEntity> withGenerations(AuthorityEntity ca) {
        return Panache.withSession(() -> generations.generationsOf(ca.id).chain(rows -> externalRenewals.of(ca.id)
                .map(waiting -> {
                    ca.generations = rows;
                    ca.awaitingSignature = waiting;
                    return ca;
                })));
    }

    /** The CAs with their certificate generations attached (one query). */
    public Uni<List<AuthorityEntity>> withGenerations(List<AuthorityEntity> cas) {
        List<String> ids = cas.stream().map(ca -> ca.id).toList();
        return Panache.withSession(() -> generations.generationsOf(ids).chain(rows -> externalRenewals.of(ids)
                .map(waiting -> {
                    cas.forEach(ca -> {
                        ca.generations = rows.stream().filter(row -> row.authorityId.equals(ca.id)).toList();
                        ca.awaitingSignature = waiting.stream().filter(row -> row.authorityId.equals(ca.id))
                                .findFirst().orElse(null);
                    });
                    return cas;
                })));
    }

    private Uni<CaCertificateEntity> generationOf(AuthorityEntity ca, int generation,
            boolean required) {
        return generations.find(ca.id, generation).invoke(row -> {
            if (row == null && required && generation != ca.generation) {
                throw ProblemException.notFound("CA " + ca.id + " has no certificate generation " + generation
                        + " (current: " + ca.generation + ")");
            }
        });
    }

    static void requireCertificate(AuthorityEntity ca) {
        if (ca.certificatePem == null) {
            throw ProblemException.conflict("CA " + ca.id + " has no certificate yet: download its CSR"
                    + " (GET .../csr), have your root sign it and upload the result (POST .../certificate)");
        }
    }

    public static String chainPem(List<AuthorityEntity> chain) {
        StringBuilder pem = new StringBuilder();
        chain.forEach(ca -> pem.append(ca.certificatePem.endsWith("\n") ? ca.certificatePem : ca.certificatePem + "\n"));
        return pem.toString();
    }

    /** Appends the issuers; {@code issuerKeyGeneration} is the parent key that signed the last entry (null: current). */
    private Uni<List<AuthorityEntity>> appendIssuers(List<AuthorityEntity> chain, Integer issuerKeyGeneration) {
        AuthorityEntity last = chain.get(chain.size() - 1);
        if (last.parentId == null || chain.size() > 8) {
            chain.addAll(ExternalAuthorities.issuersOf(last));
            return Uni.createFrom().item(chain);
        }
        return authorities.findInTenant(last.tenant, last.parentId).chain(parent -> {
            if (parent == null) {
                return Uni.createFrom().item(chain);
            }
            if (issuerKeyGeneration == null || issuerKeyGeneration == parent.keyGeneration) {
                chain.add(parent);
                return generations.find(parent.id, parent.generation)
                        .chain(row -> appendIssuers(chain, row == null ? null : row.issuerKeyGeneration));
            }
            return generations.latestWithKey(parent.id, issuerKeyGeneration).chain(row -> {
                chain.add(row == null ? parent : CaGenerations.asAuthority(parent, row));
                return appendIssuers(chain, row == null ? null : row.issuerKeyGeneration);
            });
        });
    }

    private Uni<AuthorityEntity> parentOf(NewAuthority request) {
        if (request.kind() == AuthorityKind.ROOT) {
            return Uni.createFrom().nullItem();
        }
        return authorities.findInTenant(request.tenant(), request.parentId())
                .onItem().ifNull().failWith(() -> ProblemException.notFound(
                        "parent CA " + request.parentId() + " does not exist in tenant " + request.tenant()));
    }

    private Uni<AuthorityEntity> persist(String id, NewAuthority request, IssuedCa ca, AuthorityEntity parent) {
        AuthorityEntity entity = new AuthorityEntity();
        entity.id = id;
        entity.tenant = request.tenant();
        entity.displayName = request.displayName();
        entity.kind = request.kind();
        entity.parentId = request.parentId();
        entity.status = AuthorityStatus.ACTIVE;
        entity.subjectDn = request.subjectDn();
        entity.serialHex = Serials.hex(ca.certificate().getSerialNumber());
        entity.keyAlgorithm = request.keyAlgorithm().name();
        entity.notBefore = ca.certificate().getNotBefore().toInstant();
        entity.notAfter = ca.certificate().getNotAfter().toInstant();
        entity.ekuList(request.extendedKeyUsageOids());
        entity.certificatePem = Pem.encode(ca.certificate());
        entity.keyReference = ca.key().reference();
        entity.keyProtection = keys.kindOfNewKeys();
        entity.createdAt = Instant.now();
        List<AuthorityEntity> chain = parent == null ? List.of(entity) : List.of(entity, parent);
        AuthorityCreatedEvent event = new AuthorityCreatedEvent(entity.tenant, entity.id, entity.kind,
                entity.parentId, entity.displayName, entity.subjectDn, entity.status, entity.certificatePem,
                chainPem(chain), entity.notAfter);
        return authorities.persist(entity)
                .call(() -> generations.persist(CaGenerations.first(entity, parent == null ? null : parent.keyGeneration)))
                .call(() -> outbox.append(CloudEvent.of(EventOutbox.SOURCE, event)));
    }

    private static ProblemException notFound(String tenant, String id) {
        return ProblemException.notFound("CA " + id + " does not exist in tenant " + tenant);
    }
}
