package io.stratus.crypto;

import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameStyle;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * BouncyCastle's attribute names and string types, with RFC 4514 ordering: the string names the most
 * specific RDN first (CN=...,O=...,C=...), the encoding starts with the least specific one.
 */
final class DnStyle extends BCStyle {

    static final X500NameStyle INSTANCE = new DnStyle();

    private DnStyle() {
    }

    @Override
    public RDN[] fromString(String dirName) {
        RDN[] inStringOrder = IETFUtils.rDNsFromString(dirName, this);
        RDN[] encodedOrder = new RDN[inStringOrder.length];
        for (int i = 0; i < inStringOrder.length; i++) {
            encodedOrder[encodedOrder.length - 1 - i] = inStringOrder[i];
        }
        return encodedOrder;
    }

    @Override
    public String toString(X500Name name) {
        StringBuffer out = new StringBuffer();
        RDN[] rdns = name.getRDNs();
        for (int i = rdns.length - 1; i >= 0; i--) {
            if (out.length() > 0) {
                out.append(',');
            }
            IETFUtils.appendRDN(out, rdns[i], defaultSymbols);
        }
        return out.toString();
    }
}
