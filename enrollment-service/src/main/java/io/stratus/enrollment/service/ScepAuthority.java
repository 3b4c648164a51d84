package io.stratus.enrollment.service;

import io.stratus.crypto.scep.RaCredentials;

/** An issuing CA that serves SCEP, with the RA credential that decrypts requests and signs replies. */
public record ScepAuthority(Authority authority, RaCredentials ra) {
}
