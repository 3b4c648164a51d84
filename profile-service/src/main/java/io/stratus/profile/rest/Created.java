package io.stratus.profile.rest;

import java.net.URI;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** 201 answers with the new resource's location. */
final class Created {

    private Created() {
    }

    static Response at(UriInfo uri, String id, Object body) {
        URI location = uri.getAbsolutePathBuilder().path(id).build();
        return Response.created(location).entity(body).build();
    }
}
