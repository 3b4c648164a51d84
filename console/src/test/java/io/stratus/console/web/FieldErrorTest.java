package io.stratus.console.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.stratus.console.api.ApiProblem;

class FieldErrorTest {

    @Test
    void theFieldTheApiNamesFirstGetsTheMessage() {
        FieldError e = FieldError.of(new ApiProblem(400, "Bad Request",
                "subject.country must be a two-letter ISO 3166 code such as US"), AuthorityForm.FIELDS);
        assertEquals("subject.country", e.field());
        assertTrue(e.on("subject.country") && !e.on("subject.commonName") && !e.general());

        FieldError years = FieldError.of(new ApiProblem(400, "Bad Request",
                "validityYears of a ROOT CA must be one of [5, 10, 15, 20, 25]"), AuthorityForm.FIELDS);
        assertEquals("validityYears", years.field());

        FieldError required = FieldError.of(new ApiProblem(400, "Bad Request",
                "subject is required, with at least subject.commonName"), AuthorityForm.FIELDS);
        assertEquals("subject.commonName", required.field());
    }

    @Test
    void aMessageNamingNoFieldGoesAboveTheForm() {
        FieldError e = FieldError.of(new ApiProblem(409, "Conflict", "the root CA is not ACTIVE"), AuthorityForm.FIELDS);
        assertTrue(e.general());
        assertEquals("the root CA is not ACTIVE", e.message());
        FieldError titleOnly = FieldError.of(new ApiProblem(400, "Bad Request", ""), AuthorityForm.FIELDS);
        assertEquals("Bad Request", titleOnly.message());
    }
}
