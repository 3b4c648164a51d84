package io.stratus.profile.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.stratus.profile.rest.dto.GroupChanged;
import io.stratus.profile.rest.dto.GroupCreation;
import io.stratus.profile.rest.dto.GroupMembers;
import io.stratus.profile.rest.dto.GroupSummary;
import io.stratus.profile.rest.dto.GroupView;
import io.stratus.profile.rest.dto.MemberRemoved;
import io.stratus.profile.rest.dto.MembersAdded;
import io.stratus.profile.rest.dto.MembersAddition;
import io.stratus.profile.service.GroupService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

@Path("/api/v1/tenants/{tenant}/groups")
@Tag(name = "groups")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class GroupResource {

    private final GroupService groups;

    public GroupResource(GroupService groups) {
        this.groups = groups;
    }

    @POST
    @RolesAllowed(ApiRoles.PROFILE_MANAGE)
    public Uni<Response> create(@PathParam("tenant") String tenant, GroupCreation creation, @Context UriInfo uri) {
        return groups.create(tenant, creation).map(created -> Created.at(uri, created.group().id(), created.group()));
    }

    @GET
    @RolesAllowed(ApiRoles.PROFILE_READ)
    public Uni<List<GroupSummary>> list(@PathParam("tenant") String tenant, @QueryParam("limit") Integer limit,
            @QueryParam("offset") Integer offset) {
        return groups.list(tenant, limit, offset);
    }

    /** Renames the group and sets, changes or removes its membership rule. */
    @PUT
    @Path("/{groupId}")
    @RolesAllowed(ApiRoles.PROFILE_MANAGE)
    public Uni<GroupChanged> update(@PathParam("tenant") String tenant, @PathParam("groupId") String groupId,
            GroupCreation update) {
        return groups.update(tenant, groupId, update);
    }

    /** Deletes a group that no assignment uses (409 otherwise). */
    @DELETE
    @Path("/{groupId}")
    @RolesAllowed(ApiRoles.PROFILE_MANAGE)
    public Uni<Response> delete(@PathParam("tenant") String tenant, @PathParam("groupId") String groupId) {
        return groups.delete(tenant, groupId).replaceWith(Response.noContent().build());
    }

    @GET
    @Path("/{groupId}/members")
    @RolesAllowed(ApiRoles.PROFILE_READ)
    public Uni<GroupMembers> members(@PathParam("tenant") String tenant, @PathParam("groupId") String groupId,
            @QueryParam("limit") Integer limit, @QueryParam("after") String after) {
        return groups.members(tenant, groupId, limit, after);
    }

    @GET
    @Path("/{groupId}")
    @RolesAllowed(ApiRoles.PROFILE_READ)
    public Uni<GroupView> get(@PathParam("tenant") String tenant, @PathParam("groupId") String groupId) {
        return groups.get(tenant, groupId);
    }

    @POST
    @Path("/{groupId}/members")
    @RolesAllowed(ApiRoles.DEVICE_MANAGE)
    public Uni<MembersAdded> addMembers(@PathParam("tenant") String tenant, @PathParam("groupId") String groupId,
            MembersAddition addition) {
        return groups.addMembers(tenant, groupId, addition);
    }

    /** Removes a device or user member; devices that leave an assignment's scope get ProfileUnassigned. */
    @DELETE
    @Path("/{groupId}/members/{memberId}")
    @RolesAllowed(ApiRoles.DEVICE_MANAGE)
    public Uni<MemberRemoved> removeMember(@PathParam("tenant") String tenant, @PathParam("groupId") String groupId,
            @PathParam("memberId") String memberId) {
        return groups.removeMember(tenant, groupId, memberId);
    }
}
