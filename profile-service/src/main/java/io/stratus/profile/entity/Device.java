package io.stratus.profile.entity;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** A managed device and the identity key its challenges are sealed to. */
@Entity
@Table(name = "device")
@IdClass(DeviceKey.class)
public class Device {
    @Id
    public String tenant;
    @Id
    public String id;
    public String name;
    @Enumerated(EnumType.STRING)
    public Platform platform;
    @Column(name = "serial_number")
    public String serialNumber;
    /** Base64 DER SubjectPublicKeyInfo; null for a bulk-imported device without a registered key. */
    @Column(name = "identity_public_key")
    public String identityPublicKey;
    /** International Mobile Equipment Identity (digits), optional. */
    public String imei;
    /** Wi-Fi MAC address, upper case with colons, optional. */
    @Column(name = "wifi_mac")
    public String wifiMacAddress;
    /** The user the device belongs to (its user variables and USER certificates), optional. */
    @Column(name = "primary_user_id")
    public String primaryUserId;
    @Column(name = "created_at")
    public Instant createdAt;
}
