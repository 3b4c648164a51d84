package io.stratus.crypto;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.BERTags;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.operator.ContentSigner;

/**
 * Writes an X.509 v2 CRL (RFC 5280 5.1) one entry at a time: each entry is DER-encoded as it is added and only its
 * bytes are kept (about 49 bytes for a serial of 16 octets with a reason), so a CRL of a million entries needs tens of
 * megabytes, not the object graph of a general ASN.1 builder. The signature is computed over the encoded
 * TBSCertList as it is streamed, and the CRL is assembled in one array. The output is the DER that BouncyCastle's
 * {@code X509v2CRLBuilder} produces for the same entries (CrlsTest compares them).
 */
public final class CrlWriter {

    private static final byte SEQUENCE = 0x30;
    private static final byte[] VERSION_2 = {0x02, 0x01, 0x01};
    private static final byte[][] REASON_EXTENSIONS = new byte[11][];

    static {
        for (int code = 1; code <= 10; code++) {
            if (code != 7) { // 7 is not used (RFC 5280 5.3.1)
                REASON_EXTENSIONS[code] = reasonExtension(code);
            }
        }
    }

    private final X509Certificate issuer;
    private final BigInteger crlNumber;
    private final Instant thisUpdate;
    private final Instant nextUpdate;
    private final Entries entries = new Entries();
    private int count;
    private BigInteger baseCrlNumber;
    private String freshestCrlUrl;

    /** A CRL of {@code issuer} with this number and these times; entries follow with {@link #add}. */
    public CrlWriter(X509Certificate issuer, BigInteger crlNumber, Instant thisUpdate, Instant nextUpdate) {
        if (crlNumber == null || crlNumber.signum() < 0) {
            throw new IllegalArgumentException("CRL number must be a non-negative integer");
        }
        if (thisUpdate == null || nextUpdate == null || !nextUpdate.isAfter(thisUpdate)) {
            throw new IllegalArgumentException("nextUpdate must be later than thisUpdate");
        }
        this.issuer = issuer;
        this.crlNumber = crlNumber;
        this.thisUpdate = thisUpdate;
        this.nextUpdate = nextUpdate;
    }

    /**
     * Makes this a delta CRL (RFC 5280 5.2.4): the critical deltaCRLIndicator names the complete CRL it updates;
     * its entries are the revocations since that CRL.
     */
    public CrlWriter deltaOf(BigInteger baseCrlNumber) {
        this.baseCrlNumber = baseCrlNumber;
        return this;
    }

    /** Points a complete CRL to its delta CRL (RFC 5280 5.2.6, Freshest CRL, non-critical). */
    public CrlWriter freshestCrl(String url) {
        this.freshestCrlUrl = url;
        return this;
    }

    /** Adds one revoked certificate (checked as {@link Crls.RevokedEntry} checks it). */
    public CrlWriter add(Crls.RevokedEntry entry) {
        byte[] serial = der(new ASN1Integer(entry.serial()));
        byte[] time = time(entry.revokedAt());
        byte[] reason = entry.reasonCode() == CRLReason.unspecified ? new byte[0] : REASON_EXTENSIONS[entry.reasonCode()];
        int length = serial.length + time.length + reason.length;
        entries.write(SEQUENCE);
        writeLength(entries, length);
        entries.writeBytes(serial);
        entries.writeBytes(time);
        entries.writeBytes(reason);
        count++;
        return this;
    }

    /** How many entries were added. */
    public int size() {
        return count;
    }

    /** Signs the CRL with the issuer's key (the issuer certificate's algorithm) and returns its DER. */
    public byte[] sign(PrivateKey issuerKey) {
        String algorithm = KeyAlgorithm.of(issuer.getPublicKey()).signatureAlgorithm();
        ContentSigner signer = ContentSigners.of(algorithm, issuerKey);
        byte[] algorithmId = der(signer.getAlgorithmIdentifier());
        byte[] head = concat(VERSION_2, algorithmId, der(Certificates.subjectOf(issuer)), time(thisUpdate),
                time(nextUpdate));
        byte[] entriesHeader = count == 0 ? new byte[0] : header(SEQUENCE, entries.size());
        byte[] extensions = der(new DERTaggedObject(true, 0, crlExtensions()));
        long tbsLength = (long) head.length + entriesHeader.length + entries.size() + extensions.length;
        byte[] tbsHeader = header(SEQUENCE, Math.toIntExact(tbsLength));
        try (OutputStream out = signer.getOutputStream()) {
            writeTbs(out, tbsHeader, head, entriesHeader, extensions);
        } catch (IOException e) {
            throw new CryptoException("cannot sign the CRL", e);
        }
        byte[] signature = der(new DERBitString(signer.getSignature()));
        long total = tbsHeader.length + tbsLength + algorithmId.length + signature.length;
        byte[] crlHeader = header(SEQUENCE, Math.toIntExact(total));
        Output crl = new Output(Math.toIntExact(crlHeader.length + total));
        crl.write(crlHeader, 0, crlHeader.length);
        writeTbs(crl, tbsHeader, head, entriesHeader, extensions);
        crl.write(algorithmId, 0, algorithmId.length);
        crl.write(signature, 0, signature.length);
        return crl.array();
    }

    private Extensions crlExtensions() {
        List<Extension> extensions = new ArrayList<>();
        extensions.add(extension(Extension.cRLNumber, new CRLNumber(crlNumber)));
        extensions.add(extension(Extension.authorityKeyIdentifier,
                new AuthorityKeyIdentifier(KeyIdentifiers.of(issuer))));
        if (baseCrlNumber != null) {
            extensions.add(extension(Extension.deltaCRLIndicator, true, new CRLNumber(baseCrlNumber)));
        }
        if (freshestCrlUrl != null) {
            extensions.add(extension(Extension.freshestCRL, X509Extensions.distributionPoint(freshestCrlUrl)));
        }
        return new Extensions(extensions.toArray(Extension[]::new));
    }

    private void writeTbs(OutputStream out, byte[] tbsHeader, byte[] head, byte[] entriesHeader, byte[] extensions) {
        try {
            out.write(tbsHeader);
            out.write(head);
            out.write(entriesHeader);
            entries.writeTo(out);
            out.write(extensions);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * RFC 5280 4.1.2.5: UTCTime (YYMMDDHHMMSSZ) through 2049, GeneralizedTime (YYYYMMDDHHMMSSZ) from 2050, whole
     * seconds. Written here because BouncyCastle's Time builds a SimpleDateFormat per value, which made a CRL of a
     * million entries take seconds of CPU for its dates alone.
     */
    static byte[] time(Instant instant) {
        LocalDateTime utc = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
        int year = utc.getYear();
        boolean utcTime = year >= 1950 && year <= 2049;
        byte[] out = new byte[utcTime ? 15 : 17];
        out[0] = (byte) (utcTime ? BERTags.UTC_TIME : BERTags.GENERALIZED_TIME);
        out[1] = (byte) (out.length - 2);
        int at = 2;
        if (utcTime) {
            at = digits(out, at, year % 100);
        } else {
            at = digits(out, at, year / 100);
            at = digits(out, at, year % 100);
        }
        at = digits(out, at, utc.getMonthValue());
        at = digits(out, at, utc.getDayOfMonth());
        at = digits(out, at, utc.getHour());
        at = digits(out, at, utc.getMinute());
        at = digits(out, at, utc.getSecond());
        out[at] = 'Z';
        return out;
    }

    private static int digits(byte[] out, int at, int value) {
        out[at] = (byte) ('0' + value / 10);
        out[at + 1] = (byte) ('0' + value % 10);
        return at + 2;
    }

    private static byte[] reasonExtension(int code) {
        Extension reason = extension(Extension.reasonCode, CRLReason.lookup(code));
        return der(new DERSequence(reason));
    }

    private static Extension extension(ASN1ObjectIdentifier oid, ASN1Encodable value) {
        return extension(oid, false, value);
    }

    private static Extension extension(ASN1ObjectIdentifier oid, boolean critical, ASN1Encodable value) {
        try {
            return new Extension(oid, critical, value.toASN1Primitive().getEncoded(ASN1Encoding.DER));
        } catch (IOException e) {
            throw new CryptoException("cannot encode CRL extension " + oid, e);
        }
    }

    private static byte[] der(ASN1Encodable value) {
        try {
            return value.toASN1Primitive().getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new CryptoException("cannot encode CRL field", e);
        }
    }

    private static byte[] header(byte tag, int length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(6);
        out.write(tag);
        writeLength(out, length);
        return out.toByteArray();
    }

    /** DER definite length: short form below 128, else the count of length octets and the length big-endian. */
    private static void writeLength(ByteArrayOutputStream out, int length) {
        if (length < 0x80) {
            out.write(length);
            return;
        }
        int octets = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
        out.write(0x80 | octets);
        for (int shift = (octets - 1) * 8; shift >= 0; shift -= 8) {
            out.write(length >>> shift);
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** The encoded entries, written to the signer and to the CRL without copying them into an array first. */
    private static final class Entries extends ByteArrayOutputStream {

        Entries() {
            super(4096);
        }
    }

    /** A fixed-size output whose array is the result (no copy at the end). */
    private static final class Output extends OutputStream {

        private final byte[] bytes;
        private int position;

        Output(int size) {
            bytes = new byte[size];
        }

        @Override
        public void write(int b) {
            bytes[position++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            System.arraycopy(b, off, bytes, position, len);
            position += len;
        }

        byte[] array() {
            if (position != bytes.length) {
                throw new IllegalStateException("CRL length computed as " + bytes.length + " but " + position
                        + " bytes written");
            }
            return bytes;
        }
    }
}
