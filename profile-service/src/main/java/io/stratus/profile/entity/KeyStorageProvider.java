package io.stratus.profile.entity;

/** Where a Windows device keeps the certificate's private key (Intune's "Key storage provider (KSP)" setting). */
public enum KeyStorageProvider {
    /** Enroll to the TPM KSP if present, otherwise the Software KSP (the default for Windows). */
    TPM_OR_SOFTWARE,
    /** Enroll to the TPM KSP, otherwise fail. */
    TPM_REQUIRED,
    /** Enroll to Passport for Work (Windows Hello for Business), otherwise fail. */
    PASSPORT,
    /** Enroll to the Software KSP. */
    SOFTWARE
}
