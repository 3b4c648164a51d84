package io.stratus.enrollment.service;

import java.io.IOException;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.SignedData;

/**
 * A PENDING or FAILURE CertRep carries no pkcsPKIEnvelope. Signed with no encapsulated content it is a
 * "detached" SignedData, which OpenSSL-based clients (certmonger's scep-submit, sscep) refuse to verify
 * ("PKCS7 routines: no content"). This puts an empty id-data OCTET STRING in its place, as micromdm's
 * server does. The signature is unchanged and still valid: the signed messageDigest attribute is the digest
 * of the empty content either way.
 */
final class EmptyEncapsulatedContent {

    private EmptyEncapsulatedContent() {
    }

    static byte[] apply(byte[] certRep) {
        try {
            ContentInfo outer = ContentInfo.getInstance(certRep);
            SignedData signed = SignedData.getInstance(outer.getContent());
            if (signed.getEncapContentInfo().getContent() != null) {
                return certRep;
            }
            ContentInfo empty = new ContentInfo(signed.getEncapContentInfo().getContentType(),
                    new DEROctetString(new byte[0]));
            SignedData withContent = new SignedData(signed.getDigestAlgorithms(), empty, signed.getCertificates(),
                    signed.getCRLs(), signed.getSignerInfos());
            return new ContentInfo(CMSObjectIdentifiers.signedData, withContent).getEncoded(ASN1Encoding.DL);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot re-encode the CertRep", e);
        }
    }
}
