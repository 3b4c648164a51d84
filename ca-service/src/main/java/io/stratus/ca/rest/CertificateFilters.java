package io.stratus.ca.rest;

import io.stratus.ca.service.CertificateInventory;
import jakarta.ws.rs.QueryParam;

/** The query parameters of an inventory search (JSON or CSV), as {@link CertificateInventory.Search} reads them. */
public class CertificateFilters {

    @QueryParam("authorityId")
    String authorityId;
    @QueryParam("deviceId")
    String deviceId;
    @QueryParam("profileId")
    String profileId;
    @QueryParam("status")
    String status;
    @QueryParam("serial")
    String serial;
    @QueryParam("subject")
    String subject;
    @QueryParam("san")
    String san;
    @QueryParam("sha1")
    String sha1;
    @QueryParam("sha256")
    String sha256;
    @QueryParam("expiresAfter")
    String expiresAfter;
    @QueryParam("expiresBefore")
    String expiresBefore;
    @QueryParam("issuedAfter")
    String issuedAfter;
    @QueryParam("issuedBefore")
    String issuedBefore;
    @QueryParam("after")
    String after;
    @QueryParam("limit")
    Integer limit;

    CertificateInventory.Search search() {
        return new CertificateInventory.Search(authorityId, deviceId, profileId, status, serial, subject, san, sha1, sha256,
                expiresAfter, expiresBefore, issuedAfter, issuedBefore);
    }
}
