package io.stratus.crypto;

/** OIDs of common extended key usages. */
public final class ExtendedKeyUsages {

    public static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    public static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    public static final String CODE_SIGNING = "1.3.6.1.5.5.7.3.3";
    public static final String EMAIL_PROTECTION = "1.3.6.1.5.5.7.3.4";
    public static final String TIME_STAMPING = "1.3.6.1.5.5.7.3.8";
    public static final String OCSP_SIGNING = "1.3.6.1.5.5.7.3.9";
    /** Microsoft smart card logon. */
    public static final String SMART_CARD_LOGON = "1.3.6.1.4.1.311.20.2.2";
    /** Certificate Request Agent (Microsoft), used for SCEP RA certificates. */
    public static final String CERTIFICATE_REQUEST_AGENT = "1.3.6.1.4.1.311.20.2.1";

    private ExtendedKeyUsages() {
    }
}
