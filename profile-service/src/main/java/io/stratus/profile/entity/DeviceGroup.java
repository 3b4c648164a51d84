package io.stratus.profile.entity;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A group of devices that profiles are assigned to. */
@Entity
@Table(name = "device_group")
public class DeviceGroup {
    @Id
    public String id;
    public String tenant;
    public String name;
    /** The rule of a dynamic group (its members are computed); null for a static group. */
    @Column(name = "membership_rule")
    public String membershipRule;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public boolean dynamic() {
        return membershipRule != null;
    }
}
