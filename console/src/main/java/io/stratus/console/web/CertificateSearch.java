package io.stratus.console.web;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.ws.rs.QueryParam;

import io.stratus.console.api.ApiProblem;

/**
 * The inventory search form: the API's filters (docs/ca.md, "Finding certificates"), with expiry as dates. The same
 * query string drives the page, its next page and the CSV export.
 */
public class CertificateSearch {
    @QueryParam("subject")
    public String subject;
    @QueryParam("san")
    public String san;
    @QueryParam("serial")
    public String serial;
    @QueryParam("deviceId")
    public String deviceId;
    @QueryParam("profileId")
    public String profileId;
    @QueryParam("authorityId")
    public String authorityId;
    @QueryParam("status")
    public String status;
    @QueryParam("sha1")
    public String sha1;
    @QueryParam("sha256")
    public String sha256;
    /** A date, {@code 2027-01-31}: certificates that expire on that day or later. */
    @QueryParam("expiresFrom")
    public String expiresFrom;
    /** A date: certificates that expire before that day. */
    @QueryParam("expiresBefore")
    public String expiresBefore;
    /** A date: certificates issued on that day or later. */
    @QueryParam("issuedFrom")
    public String issuedFrom;
    /** A date: certificates issued before that day. */
    @QueryParam("issuedBefore")
    public String issuedBefore;
    @QueryParam("after")
    public String after;

    /** The fields filled in, under the form's names, in the form's order. */
    private Map<String, String> given() {
        Map<String, String> fields = new LinkedHashMap<>();
        put(fields, "subject", subject);
        put(fields, "san", san);
        put(fields, "serial", serial);
        put(fields, "deviceId", deviceId);
        put(fields, "profileId", profileId);
        put(fields, "authorityId", authorityId);
        put(fields, "status", status);
        put(fields, "sha1", sha1);
        put(fields, "sha256", sha256);
        put(fields, "expiresFrom", expiresFrom);
        put(fields, "expiresBefore", expiresBefore);
        put(fields, "issuedFrom", issuedFrom);
        put(fields, "issuedBefore", issuedBefore);
        return fields;
    }

    /** The API's query: the filters under the API's names (expiry dates as instants), then the page. */
    String apiQuery() {
        Map<String, String> query = given();
        String from = query.remove("expiresFrom");
        String before = query.remove("expiresBefore");
        String issuedFromDate = query.remove("issuedFrom");
        String issuedBeforeDate = query.remove("issuedBefore");
        put(query, "expiresAfter", startOf(from, "Expires from"));
        put(query, "expiresBefore", startOf(before, "Expires before"));
        put(query, "issuedAfter", startOf(issuedFromDate, "Issued from"));
        put(query, "issuedBefore", startOf(issuedBeforeDate, "Issued before"));
        put(query, "after", after);
        return encode(query);
    }

    /** This page's own query without its position: for the next page and the CSV export. */
    public String formQuery() {
        return encode(given());
    }

    public boolean filtered() {
        return !formQuery().isEmpty();
    }

    private static String startOf(String date, String label) {
        if (date == null || date.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(date.trim()).atStartOfDay(ZoneOffset.UTC).toInstant().toString();
        } catch (DateTimeParseException e) {
            throw new ApiProblem(400, "Bad Request", label + " must be a date such as 2027-01-31");
        }
    }

    private static void put(Map<String, String> map, String key, String value) {
        if (value != null && !value.isBlank()) {
            map.put(key, value.trim());
        }
    }

    private static String encode(Map<String, String> query) {
        return query.entrySet().stream().map(e -> e.getKey() + "=" + Tenants.encoded(e.getValue()))
                .collect(Collectors.joining("&"));
    }
}
