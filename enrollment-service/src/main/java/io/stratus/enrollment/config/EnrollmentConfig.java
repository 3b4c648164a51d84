package io.stratus.enrollment.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Configuration of enrollment-service ({@code stratus.enrollment.*}). */
@ConfigMapping(prefix = "stratus.enrollment")
public interface EnrollmentConfig {

    /** Base64 of 32 bytes: the AES-256-GCM key-encryption key of the RA private keys. Required. */
    String kek();

    /** How long a PKCSReq waits for the CA's answer before replying PENDING. */
    @WithDefault("5s")
    Duration replyTimeout();

    /** Largest PKIOperation message accepted; larger bodies get HTTP 413. */
    @WithDefault("65536")
    int maxBodyBytes();
}
