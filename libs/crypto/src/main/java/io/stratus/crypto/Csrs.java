package io.stratus.crypto;

import java.io.IOException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * PKCS#10 certificate requests: building (devices, tests) and parsing with signature verification.
 *
 * <p>Stateless: all methods are static; the public constructor only lets frameworks instantiate it.
 */
public final class Csrs {

    /**
     * A verified request. {@code keyAlgorithm} is null when the key is RSA or EC but not one of the
     * {@link KeyAlgorithm} sizes; {@code keyFamily} and {@code keySize} are always set.
     */
    public record ParsedCsr(String subjectDn, PublicKey publicKey, KeyAlgorithm keyAlgorithm, String keyFamily,
            int keySize, List<San> subjectAltNames, String challengePassword, boolean requestsCa,
            byte[] encoded) {

        @Override
        public String toString() {
            return "ParsedCsr[subject=" + subjectDn + ", key=" + keyFamily + "-" + keySize + ", sans="
                    + subjectAltNames + ", challengePassword=" + (challengePassword == null ? "absent" : "present")
                    + ", requestsCa=" + requestsCa + "]";
        }
    }

    public Csrs() {
    }

    /** DER of a signed PKCS#10 request; SANs go into an extensionRequest, the challenge into challengePassword. */
    public static byte[] build(KeyPair keys, String subjectDn, List<San> sans, String challengePassword) {
        return build(keys, subjectDn, sans, challengePassword, signatureAlgorithm(keys.getPublic()));
    }

    /**
     * As {@link #build(KeyPair, String, List, String)}, signed with the hash a profile asks for: {@code SHA256},
     * {@code SHA384} or {@code SHA512} (null: the key's usual hash).
     */
    public static byte[] build(KeyPair keys, String subjectDn, List<San> sans, String challengePassword, HashChoice hash) {
        return build(keys, subjectDn, sans, challengePassword,
                hash == null ? signatureAlgorithm(keys.getPublic()) : hash.signatureAlgorithm(keys.getPublic()));
    }

    /** The SHA-2 hashes a request may be signed with. */
    public enum HashChoice {
        SHA256, SHA384, SHA512;

        /** {@code SHA384withRSA}, {@code SHA384withECDSA}, ... */
        public String signatureAlgorithm(PublicKey key) {
            return name() + (KeyAlgorithm.EC.equals(KeyAlgorithm.familyOf(key)) ? "withECDSA" : "withRSA");
        }

        /** The choice named {@code name} (case-insensitive, dashes ignored), or null for null. */
        public static HashChoice of(String name) {
            if (name == null || name.isBlank()) {
                return null;
            }
            return valueOf(name.replace("-", "").toUpperCase(java.util.Locale.ROOT));
        }
    }

    private static byte[] build(KeyPair keys, String subjectDn, List<San> sans, String challengePassword,
            String signatureAlgorithm) {
        X500Name subject = SubjectNames.parse(subjectDn);
        PKCS10CertificationRequestBuilder builder = new JcaPKCS10CertificationRequestBuilder(subject, keys.getPublic());
        try {
            if (sans != null && !sans.isEmpty()) {
                ExtensionsGenerator extensions = new ExtensionsGenerator();
                extensions.addExtension(Extension.subjectAlternativeName, subject.getRDNs().length == 0,
                        X509Extensions.generalNames(sans));
                builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
            }
        } catch (IOException e) {
            throw new CryptoException("cannot encode the extension request", e);
        }
        if (challengePassword != null) {
            ASN1Encodable value = DERPrintableString.isPrintableString(challengePassword)
                    ? new DERPrintableString(challengePassword) : new DERUTF8String(challengePassword);
            builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_challengePassword, value);
        }
        ContentSigner signer = ContentSigners.of(signatureAlgorithm, keys.getPrivate());
        try {
            return builder.build(signer).getEncoded();
        } catch (IOException e) {
            throw new CryptoException("cannot encode the request", e);
        }
    }

    /** Parses and verifies a DER request; anything unacceptable → {@link CsrException}. */
    public static ParsedCsr parse(byte[] der) {
        try {
            return parseChecked(der);
        } catch (CsrException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CsrException("malformed PKCS#10 (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    private static ParsedCsr parseChecked(byte[] der) {
        if (der == null || der.length == 0) {
            throw new CsrException("empty certificate request");
        }
        PKCS10CertificationRequest request;
        try {
            request = new PKCS10CertificationRequest(der);
        } catch (IOException | RuntimeException e) {
            throw new CsrException("malformed PKCS#10 request", e);
        }
        PublicKey publicKey = publicKey(request);
        verify(request, publicKey);
        String family = KeyAlgorithm.familyOf(publicKey);
        int size = KeyAlgorithm.sizeOf(publicKey);
        if (size == 0) {
            throw new CsrException("unsupported " + family + " key (unknown size or curve)");
        }
        try {
            Extensions extensions = extensionRequest(request);
            return new ParsedCsr(SubjectNames.toString(request.getSubject()), publicKey,
                    KeyAlgorithm.find(publicKey), family, size, subjectAltNames(extensions),
                    challengePassword(request), requestsCa(extensions), der.clone());
        } catch (CsrException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CsrException("malformed attributes in PKCS#10 request", e);
        }
    }

    /** Parses a PEM request (see {@link #parse(byte[])}). */
    public static ParsedCsr parsePem(String pem) {
        try {
            return parse(Pem.csr(pem));
        } catch (IllegalArgumentException e) {
            throw new CsrException("no PEM certificate request found", e);
        }
    }

    static String signatureAlgorithm(PublicKey key) {
        KeyAlgorithm known = KeyAlgorithm.find(key);
        if (known != null) {
            return known.signatureAlgorithm();
        }
        String family = KeyAlgorithm.familyOf(key);
        if (KeyAlgorithm.EC.equals(family)) {
            return KeyAlgorithm.sizeOf(key) > 384 ? "SHA512withECDSA" : "SHA256withECDSA";
        }
        return "SHA256with" + family;
    }

    private static PublicKey publicKey(PKCS10CertificationRequest request) {
        try {
            return Pem.publicKey(request.getSubjectPublicKeyInfo().getEncoded());
        } catch (IOException | IllegalArgumentException e) {
            throw new CsrException("unsupported public key in request (RSA and EC are accepted)", e);
        }
    }

    private static void verify(PKCS10CertificationRequest request, PublicKey publicKey) {
        boolean valid;
        try {
            valid = request.isSignatureValid(ContentSigners.verifier(publicKey));
        } catch (PKCSException | RuntimeException e) {
            throw new CsrException("request signature cannot be verified", e);
        }
        if (!valid) {
            throw new CsrException("request signature does not verify");
        }
    }

    private static Extensions extensionRequest(PKCS10CertificationRequest request) {
        Attribute[] attributes = request.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest);
        if (attributes.length == 0) {
            return null;
        }
        return Extensions.getInstance(attributes[0].getAttrValues().getObjectAt(0));
    }

    private static String challengePassword(PKCS10CertificationRequest request) {
        Attribute[] attributes = request.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_challengePassword);
        if (attributes.length == 0 || attributes[0].getAttrValues().size() == 0) {
            return null;
        }
        ASN1Encodable value = attributes[0].getAttrValues().getObjectAt(0);
        if (!(value instanceof ASN1String)) {
            throw new CsrException("challengePassword is not a string");
        }
        return ((ASN1String) value).getString();
    }

    private static boolean requestsCa(Extensions extensions) {
        if (extensions == null) {
            return false;
        }
        BasicConstraints constraints = BasicConstraints.fromExtensions(extensions);
        return constraints != null && constraints.isCA();
    }

    private static List<San> subjectAltNames(Extensions extensions) {
        List<San> sans = new ArrayList<>();
        if (extensions == null) {
            return sans;
        }
        GeneralNames names = GeneralNames.fromExtensions(extensions, Extension.subjectAlternativeName);
        if (names == null) {
            return sans;
        }
        for (GeneralName name : names.getNames()) {
            San san = toSan(name);
            if (san != null) {
                sans.add(san);
            }
        }
        return List.copyOf(sans);
    }

    /** A SAN for the general name types Stratus understands; other types → CsrException. */
    static San toSan(GeneralName name) {
        switch (name.getTagNo()) {
            case GeneralName.dNSName:
                return San.dns(DERIA5String.getInstance(name.getName()).getString());
            case GeneralName.rfc822Name:
                return San.email(DERIA5String.getInstance(name.getName()).getString());
            case GeneralName.uniformResourceIdentifier:
                return San.uri(DERIA5String.getInstance(name.getName()).getString());
            case GeneralName.iPAddress:
                return San.ip(ipAddress(name));
            case GeneralName.otherName:
                return upn(name);
            default:
                throw new CsrException("unsupported subject alternative name type " + name.getTagNo());
        }
    }

    private static San upn(GeneralName name) {
        ASN1Sequence otherName = ASN1Sequence.getInstance(name.getName());
        ASN1ObjectIdentifier type = ASN1ObjectIdentifier.getInstance(otherName.getObjectAt(0));
        if (!X509Extensions.UPN.equals(type)) {
            throw new CsrException("unsupported otherName " + type.getId());
        }
        ASN1TaggedObject tagged = ASN1TaggedObject.getInstance(otherName.getObjectAt(1));
        ASN1Encodable value = tagged.getExplicitBaseObject();
        if (!(value instanceof ASN1String)) {
            throw new CsrException("UPN is not a string");
        }
        return San.upn(((ASN1String) value).getString());
    }

    private static String ipAddress(GeneralName name) {
        byte[] octets = org.bouncycastle.asn1.ASN1OctetString.getInstance(name.getName()).getOctets();
        try {
            return java.net.InetAddress.getByAddress(octets).getHostAddress();
        } catch (java.net.UnknownHostException e) {
            throw new CsrException("invalid IP address in subject alternative name");
        }
    }
}
