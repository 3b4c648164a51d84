package io.stratus.events;

/** Why a certificate is requested: for a device, or for an enrollment-service RA (signs SCEP replies). */
public enum RequestPurpose {
    DEVICE, RA
}
