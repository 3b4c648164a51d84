package io.stratus.profile.entity;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** A user of the tenant (as in Entra ID): the subject of USER certificates and the primary user of devices. */
@Entity
@Table(name = "app_user")
@IdClass(DeviceKey.class)
public class AppUser {
    @Id
    public String tenant;
    @Id
    public String id;
    /** User principal name, unique in the tenant. */
    public String upn;
    public String email;
    @Column(name = "given_name")
    public String givenName;
    public String surname;
    @Column(name = "on_prem_dn")
    public String onPremDistinguishedName;
    @Column(name = "sam_account_name")
    public String samAccountName;
    @Column(name = "created_at")
    public Instant createdAt;
}
