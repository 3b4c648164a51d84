package io.stratus.ca.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.stratus.ca.service.SearchColumnsBackfill;
import io.stratus.ca.support.CaApi;
import io.stratus.ca.support.Database;
import io.stratus.ca.support.Leaves;
import io.stratus.ca.support.TopicReader;
import io.stratus.crypto.Thumbprints;
import io.stratus.events.CertificateIssuedEvent;
import io.stratus.events.Topics;
import io.stratus.testkit.Roles;
import io.stratus.testkit.StratusTestResource;
import jakarta.inject.Inject;

/**
 * Searching the inventory: each filter alone and together (profile, serial as OpenSSL prints it, subject prefix with
 * no wildcards, a subject alternative name in any case, SHA-1 and SHA-256 thumbprints, expiry window, status), CSV
 * pages with their cursor and no formulas, thumbprints and SAN values stored for certificates issued before they were
 * kept, and the refusals.
 */
@QuarkusTest
@WithTestResource(value = StratusTestResource.class, initArgs = @ResourceArg(name = "database", value = "ca"))
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CertificateSearchTest {

    @Inject
    SearchColumnsBackfill backfill;

    private final String tenant = "search-" + UUID.randomUUID().toString().substring(0, 8);
    private TopicReader certificateEvents;
    private CertificateIssuedEvent wifiOne;
    private CertificateIssuedEvent vpn;
    private CertificateIssuedEvent wifiTwo;

    @BeforeEach
    void setUp() {
        if (wifiOne != null) {
            return;
        }
        certificateEvents = new TopicReader(Topics.CERTIFICATES);
        String issuingId = (String) CaApi.createIssuing(tenant, (String) CaApi.createRoot(tenant).get("id")).get("id");
        wifiOne = (CertificateIssuedEvent) Leaves.request(certificateEvents, tenant, issuingId, "laptop-1", "wifi");
        vpn = (CertificateIssuedEvent) Leaves.request(certificateEvents, tenant, issuingId, "laptop-2", "vpn");
        wifiTwo = (CertificateIssuedEvent) Leaves.request(certificateEvents, tenant, issuingId, "=HYPERLINK(1)",
                "wifi");
    }

    @AfterAll
    void close() {
        certificateEvents.close();
    }

    @Test
    void eachFilterFindsWhatItNames() {
        assertEquals(List.of(wifiOne.serialNumber(), wifiTwo.serialNumber()), serials(Map.of("profileId", "wifi")));
        String openSslSerial = String.join(":", vpn.serialNumber().toLowerCase().split("(?<=\\G..)"));
        assertEquals(List.of(vpn.serialNumber()), serials(Map.of("serial", openSslSerial)));
        String cn = wifiOne.subjectDn().substring(0, wifiOne.subjectDn().indexOf(','));
        assertEquals(List.of(wifiOne.serialNumber()), serials(Map.of("subject", cn)));
        assertEquals(List.of(), serials(Map.of("subject", "CN=%")), "% is a character, not a wildcard");
        assertEquals(List.of(), serials(Map.of("subject", "CN=_x")));
        assertEquals(List.of(vpn.serialNumber()), serials(Map.of("san", "LAPTOP-2@contoso.TEST")),
                "a UPN, whatever its case");
        assertEquals(List.of(wifiOne.serialNumber(), vpn.serialNumber(), wifiTwo.serialNumber()),
                serials(Map.of("san", " dev.contoso.test ")), "the DNS name all three carry");
        assertEquals(List.of(wifiTwo.serialNumber()), serials(Map.of("san", "dev.contoso.test", "profileId", "wifi",
                "deviceId", "=HYPERLINK(1)")));
        assertEquals(List.of(), serials(Map.of("san", "laptop-2")), "whole values only, no prefixes");
        assertEquals(List.of(), serials(Map.of("san", "%")));

        byte[] der = Base64.getDecoder().decode(vpn.certificate());
        String sha1 = HexFormat.ofDelimiter(":").formatHex(Thumbprints.sha1(der));
        assertEquals(List.of(vpn.serialNumber()), serials(Map.of("sha1", sha1)));
        assertEquals(List.of(vpn.serialNumber()), serials(Map.of("sha256", Thumbprints.hex(Thumbprints.sha256(der)))));
        assertEquals(List.of(vpn.serialNumber()), serials(Map.of("sha256", Thumbprints.hex(Thumbprints.sha256(der)),
                "profileId", "vpn", "deviceId", "laptop-2")));
        assertEquals(List.of(), serials(Map.of("sha256", Thumbprints.hex(Thumbprints.sha256(der)),
                "profileId", "wifi")), "filters narrow each other");

        Instant now = Instant.now();
        assertEquals(List.of(), serials(Map.of("expiresBefore", now.toString())));
        assertEquals(3, serials(Map.of("expiresAfter", now.toString(),
                "expiresBefore", now.plus(Duration.ofDays(31)).toString())).size());

        JsonPathView one = new JsonPathView(search(Map.of("serial", vpn.serialNumber())));
        String vpnIssued = one.first("createdAt");
        assertEquals(List.of(vpn.serialNumber(), wifiTwo.serialNumber()), serials(Map.of("issuedAfter", vpnIssued)),
                "issued at or after");
        assertEquals(List.of(wifiOne.serialNumber()), serials(Map.of("issuedBefore", vpnIssued)));
        assertEquals(List.of(), serials(Map.of("issuedAfter", now.plus(Duration.ofHours(1)).toString())));
        assertEquals(Thumbprints.hex(Thumbprints.sha1(der)), one.first("sha1"));
        assertEquals(Thumbprints.hex(Thumbprints.sha256(der)), one.first("sha256"));
    }

    @Test
    void revokedOnesAreFoundByStatus() {
        String tenantOfItsOwn = "search-r-" + UUID.randomUUID().toString().substring(0, 8);
        String issuingId = (String) CaApi.createIssuing(tenantOfItsOwn,
                (String) CaApi.createRoot(tenantOfItsOwn).get("id")).get("id");
        CertificateIssuedEvent kept = (CertificateIssuedEvent) Leaves.request(certificateEvents, tenantOfItsOwn,
                issuingId, "phone-1", "wifi");
        CertificateIssuedEvent revoked = (CertificateIssuedEvent) Leaves.request(certificateEvents, tenantOfItsOwn,
                issuingId, "phone-2", "wifi");
        CaApi.revokeCertificate(tenantOfItsOwn, revoked.serialNumber(), "keyCompromise").then().statusCode(200);
        assertEquals(List.of(revoked.serialNumber()), given().auth().oauth2(CaApi.admin(tenantOfItsOwn))
                .queryParam("status", "REVOKED").get("/api/v1/tenants/{t}/certificates", tenantOfItsOwn)
                .then().statusCode(200).extract().jsonPath().getList("items.serialNumber"));
        assertEquals(List.of(kept.serialNumber()), given().auth().oauth2(CaApi.admin(tenantOfItsOwn))
                .queryParam("status", "issued").get("/api/v1/tenants/{t}/certificates", tenantOfItsOwn)
                .then().statusCode(200).extract().jsonPath().getList("items.serialNumber"));
    }

    @Test
    void csvComesInPagesWithTheirCursorAndWithoutFormulas() {
        Response first = csv(Map.of("limit", "2"));
        first.then().statusCode(200).contentType(containsString("text/csv"));
        String[] lines = first.asString().split("\r\n");
        assertEquals(3, lines.length, first.asString());
        assertTrue(lines[0].startsWith("serialNumber,subject,authorityId,deviceId,profileId,purpose,status,"),
                lines[0]);
        assertTrue(lines[1].startsWith(wifiOne.serialNumber() + ",\"" + wifiOne.subjectDn() + "\","), lines[1]);
        assertTrue(lines[1].endsWith(Thumbprints.hex(Thumbprints.sha256(
                Base64.getDecoder().decode(wifiOne.certificate())))), lines[1]);
        String next = first.header(CertificateResource.NEXT_CURSOR);
        assertTrue(next != null && !next.isBlank(), "a cursor for the third certificate");

        Response second = csv(Map.of("limit", "2", "after", next));
        String[] rest = second.asString().split("\r\n");
        assertEquals(2, rest.length, second.asString());
        assertTrue(rest[1].contains(",'=HYPERLINK(1),"), "a device id that looks like a formula is defused: "
                + rest[1]);
        assertEquals(null, second.header(CertificateResource.NEXT_CURSOR), "the last page");
    }

    @Test
    void certificatesIssuedBeforeTheSearchColumnsWereKeptGetThem() throws SQLException {
        byte[] der = Base64.getDecoder().decode(wifiOne.certificate());
        Database.execute("update issued_certificate set sha1 = null, sha256 = null where tenant = ?"
                + " and serial_hex = ?", tenant, wifiOne.serialNumber());
        Database.execute("delete from certificate_san where certificate_id = (select id from issued_certificate"
                + " where tenant = ? and serial_hex = ?)", tenant, vpn.serialNumber());
        Database.execute("update issued_certificate set sans_stored = false where tenant = ? and serial_hex = ?",
                tenant, vpn.serialNumber());
        assertEquals(List.of(), serials(Map.of("sha256", Thumbprints.hex(Thumbprints.sha256(der)))));
        assertEquals(List.of(), serials(Map.of("san", "laptop-2@contoso.test")));
        int filled = backfill.fillMissing().await().atMost(Duration.ofSeconds(30));
        assertTrue(filled >= 2, "filled " + filled);
        assertEquals(List.of(wifiOne.serialNumber()), serials(Map.of("sha1", Thumbprints.hex(Thumbprints.sha1(der)))));
        assertEquals(List.of(vpn.serialNumber()), serials(Map.of("san", "laptop-2@contoso.test")));
        assertEquals(0, Database.count("select count(*) from issued_certificate where sha256 is null"
                + " or not sans_stored"));
    }

    @Test
    void malformedFiltersAreRefusedAndReadingNeedsTheRole() {
        refused(Map.of("sha1", "xyz"), "sha1");
        refused(Map.of("sha256", "00:11"), "sha256");
        refused(Map.of("expiresAfter", "tomorrow"), "expiresAfter");
        refused(Map.of("issuedBefore", "2027-13-01"), "issuedBefore");
        refused(Map.of("issuedAfter", "+300000-01-01T00:00:00Z"), "issuedAfter");
        refused(Map.of("expiresBefore", "-1000000000-01-01T00:00:00Z"), "expiresBefore");
        refused(Map.of("serial", "not-hex"), "serial");
        refused(Map.of("status", "LOST"), "status");
        given().auth().oauth2(CaApi.token(Set.of(Roles.AUDIT_READ), tenant))
                .get("/api/v1/tenants/{t}/certificates", tenant).then().statusCode(403);
        given().auth().oauth2(CaApi.admin("other-" + tenant)).header("Accept", "text/csv")
                .get("/api/v1/tenants/{t}/certificates", tenant).then().statusCode(403);
    }

    private Response search(Map<String, String> filters) {
        return given().auth().oauth2(CaApi.admin(tenant)).queryParams(filters)
                .get("/api/v1/tenants/{t}/certificates", tenant);
    }

    private List<String> serials(Map<String, String> filters) {
        return search(filters).then().statusCode(200).extract().jsonPath().getList("items.serialNumber");
    }

    private Response csv(Map<String, String> filters) {
        return given().auth().oauth2(CaApi.admin(tenant)).header("Accept", "text/csv").queryParams(filters)
                .get("/api/v1/tenants/{t}/certificates", tenant);
    }

    private void refused(Map<String, String> filters, String detail) {
        search(filters).then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString(detail));
    }

    /** The first item's field of a search answer. */
    private record JsonPathView(Response answer) {
        String first(String field) {
            return answer.then().statusCode(200).extract().jsonPath().getString("items[0]." + field);
        }
    }
}
