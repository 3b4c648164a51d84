package io.stratus.profile.service;

import java.util.List;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.stratus.platform.rest.ProblemException;
import io.stratus.profile.entity.AppUser;
import io.stratus.profile.repository.UserRepository;
import io.stratus.profile.rest.dto.UserRegistration;
import jakarta.enterprise.context.ApplicationScoped;

/** Users of a tenant: the subjects of USER certificates and the primary users of devices. */
@ApplicationScoped
public class UserService {

    static final int MAX_LIST = 1000;

    private final UserRepository users;

    public UserService(UserRepository users) {
        this.users = users;
    }

    public Uni<AppUser> register(String tenant, UserRegistration request) {
        AppUser user = InventoryRules.user(tenant, Require.body(request));
        String conflict = "user '" + user.id + "' or user principal name '" + user.upn + "' already exists in tenant "
                + tenant;
        return Panache.withTransaction(() -> users.find(tenant, user.id)
                .chain(byId -> byId != null ? Uni.createFrom().<AppUser>nullItem() : users.findByUpn(tenant, user.upn)
                        .map(byUpn -> byUpn == null ? user : null))
                .chain(free -> free == null ? Uni.createFrom().<AppUser>failure(ProblemException.conflict(conflict))
                        : users.persist(user)))
                .onFailure().transform(failure -> Conflicts.asConflict(failure, conflict))
                .invoke(saved -> Log.infof("registered user %s in tenant %s", saved.id, tenant));
    }

    public Uni<AppUser> get(String tenant, String id) {
        return Panache.withSession(() -> users.find(tenant, id)).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("user '" + id + "' not found in tenant " + tenant));
    }

    /** The tenant's users in id order, at most {@code limit} (1 to 1000). */
    public Uni<List<AppUser>> list(String tenant, Integer limit) {
        int size = limit == null ? 100 : limit;
        if (size < 1 || size > MAX_LIST) {
            throw ProblemException.badRequest("limit must be between 1 and " + MAX_LIST + ", not " + size);
        }
        return Panache.withSession(() -> users.page(tenant, size));
    }
}
