/**
 * Framework-free PKI core for Stratus: key algorithms and the fast JCA provider ({@link
 * io.stratus.crypto.Providers}), CA and leaf certificates, PKCS#10 requests, CRLs, PEM, distinguished
 * names, serial numbers, key wrapping at rest and sealed challenges. CA private keys live behind {@link
 * io.stratus.crypto.CaKeyProtection}: wrapped software keys ({@link io.stratus.crypto.SoftwareKeyProtection}) or
 * non-extractable keys in a PKCS#11 token ({@link io.stratus.crypto.Pkcs11KeyProtection}).
 *
 * <p>Conventions: private-key operations and key generation go through {@link
 * io.stratus.crypto.Providers#fast()} (token keys through their token's provider); BouncyCastle builds the ASN.1/CMS/X.509 structures. DNs are RFC 4514
 * strings with the most specific RDN first. Exceptions and {@code toString()} never contain key material.
 * Unexpected failures of the machinery surface as {@link io.stratus.crypto.CryptoException}; bad input as
 * {@link IllegalArgumentException} or a specific exception ({@link io.stratus.crypto.CsrException},
 * {@link io.stratus.crypto.KeyWrappingException}). All exceptions are unchecked.
 */
package io.stratus.crypto;
