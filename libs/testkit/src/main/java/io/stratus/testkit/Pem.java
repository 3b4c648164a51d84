package io.stratus.testkit;

import java.util.Base64;

/** PEM encoding of DER blobs. */
public final class Pem {
    private Pem() {
    }

    public static String encode(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** The DER bytes of the first block of {@code type} in {@code pem}. */
    public static byte[] decode(String pem, String type) {
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int b = pem.indexOf(begin);
        int e = pem.indexOf(end, b + 1);
        if (b < 0 || e < 0) {
            throw new IllegalArgumentException("no " + type + " block in PEM text");
        }
        return Base64.getMimeDecoder().decode(pem.substring(b + begin.length(), e));
    }
}
