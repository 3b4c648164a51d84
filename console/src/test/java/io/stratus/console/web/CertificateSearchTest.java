package io.stratus.console.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.stratus.console.api.ApiProblem;

class CertificateSearchTest {

    @Test
    void datesBecomeTheApisInstantsAndValuesAreEncoded() {
        CertificateSearch search = new CertificateSearch();
        search.subject = "CN=a&b c";
        search.san = "Ada@Example.test";
        search.expiresFrom = "2027-01-31";
        search.issuedBefore = "2026-12-08";
        search.after = "cursor/1";
        assertEquals("subject=CN%3Da%26b%20c&san=Ada%40Example.test&expiresAfter=2027-01-31T00%3A00%3A00Z"
                + "&issuedBefore=2026-12-08T00%3A00%3A00Z&after=cursor%2F1", search.apiQuery());
        assertEquals("subject=CN%3Da%26b%20c&san=Ada%40Example.test&expiresFrom=2027-01-31&issuedBefore=2026-12-08",
                search.formQuery());
    }

    @Test
    void aDateThatIsNotOneIsTheUsersMistake() {
        CertificateSearch search = new CertificateSearch();
        search.expiresBefore = "tomorrow";
        ApiProblem problem = assertThrows(ApiProblem.class, search::apiQuery);
        assertEquals(400, problem.status());
        assertTrue(problem.detail().contains("Expires before"), problem.detail());
    }
}
