package io.stratus.crypto.scep;

import java.util.Hashtable;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;

/** The SCEP authenticated attributes (RFC 8894 section 3.2.1) and their string/octet encodings. */
final class ScepAttributes {

    private static final String PKI = "2.16.840.1.113733.1.9.";
    static final ASN1ObjectIdentifier MESSAGE_TYPE = new ASN1ObjectIdentifier(PKI + "2");
    static final ASN1ObjectIdentifier PKI_STATUS = new ASN1ObjectIdentifier(PKI + "3");
    static final ASN1ObjectIdentifier FAIL_INFO = new ASN1ObjectIdentifier(PKI + "4");
    static final ASN1ObjectIdentifier SENDER_NONCE = new ASN1ObjectIdentifier(PKI + "5");
    static final ASN1ObjectIdentifier RECIPIENT_NONCE = new ASN1ObjectIdentifier(PKI + "6");
    static final ASN1ObjectIdentifier TRANSACTION_ID = new ASN1ObjectIdentifier(PKI + "7");
    static final ASN1ObjectIdentifier FAIL_INFO_TEXT = new ASN1ObjectIdentifier("1.3.6.1.5.5.7.24.1");

    private final Hashtable<ASN1ObjectIdentifier, Attribute> table = new Hashtable<>();

    ScepAttributes printable(ASN1ObjectIdentifier type, String value) {
        return put(type, new DERPrintableString(value));
    }

    ScepAttributes utf8(ASN1ObjectIdentifier type, String value) {
        return put(type, new DERUTF8String(value));
    }

    ScepAttributes octets(ASN1ObjectIdentifier type, byte[] value) {
        return put(type, new DEROctetString(value));
    }

    AttributeTable toTable() {
        return new AttributeTable(table);
    }

    private ScepAttributes put(ASN1ObjectIdentifier type, ASN1Encodable value) {
        table.put(type, new Attribute(type, new DERSet(value)));
        return this;
    }

    /** The single value of an attribute, or null when absent. */
    static ASN1Encodable value(AttributeTable attributes, ASN1ObjectIdentifier type) {
        if (attributes == null) {
            return null;
        }
        Attribute attribute = attributes.get(type);
        if (attribute == null) {
            return null;
        }
        ASN1Set values = attribute.getAttrValues();
        return values.size() == 1 ? values.getObjectAt(0) : null;
    }

    static String string(AttributeTable attributes, ASN1ObjectIdentifier type) {
        ASN1Encodable value = value(attributes, type);
        return value instanceof ASN1String ? ((ASN1String) value).getString() : null;
    }

    static byte[] octets(AttributeTable attributes, ASN1ObjectIdentifier type) {
        ASN1Encodable value = value(attributes, type);
        return value instanceof ASN1OctetString ? ((ASN1OctetString) value).getOctets() : null;
    }

    /** A decimal string attribute as an int, or null when absent or not a number. */
    static Integer number(AttributeTable attributes, ASN1ObjectIdentifier type) {
        String text = string(attributes, type);
        if (text == null) {
            return null;
        }
        try {
            return Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
