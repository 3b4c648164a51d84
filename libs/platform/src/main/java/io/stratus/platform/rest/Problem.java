package io.stratus.platform.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** An RFC 9457 problem detail: what every Stratus error answer carries as {@code application/problem+json}. */
public record Problem(String type, String title, int status, String detail) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(Response.Status status, String detail) {
        return of(status.getStatusCode(), status.getReasonPhrase(), detail);
    }

    public static Problem of(int status, String title, String detail) {
        return new Problem("about:blank", title, status, detail);
    }

    public Response toResponse() {
        return Response.status(status).type(MediaType.valueOf(MEDIA_TYPE)).entity(this).build();
    }
}
