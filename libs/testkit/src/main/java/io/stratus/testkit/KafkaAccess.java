package io.stratus.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import io.stratus.events.ServiceAccount;

/**
 * Creates a service's SCRAM user and its ACLs on a broker, from {@link ServiceAccount}'s rule set. Idempotent: run at
 * every start, it also applies a changed password.
 */
public final class KafkaAccess {
    private static final int SCRAM_ITERATIONS = 8192;

    private KafkaAccess() {
    }

    /** Upserts the user's SCRAM-SHA-512 credential and creates the account's ACLs. */
    public static void provision(Admin admin, ServiceAccount account, KafkaCredentials credentials) {
        if (!account.principal().equals(credentials.username())) {
            throw new IllegalArgumentException("credentials of " + credentials.username() + " given for " + account.principal());
        }
        await(admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(credentials.username(),
                new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS), credentials.password()))).all(),
                "the Kafka user " + credentials.username());
        await(admin.createAcls(bindings(account)).all(), "the ACLs of " + account.principal());
    }

    /** What the account may do: write what it owns and its dead letters, read what it consumes or reads back, join its group. */
    public static List<AclBinding> bindings(ServiceAccount account) {
        String user = "User:" + account.principal();
        List<AclBinding> bindings = new ArrayList<>();
        for (String topic : account.writes()) {
            bindings.add(allow(user, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.WRITE));
        }
        for (String topic : account.reads()) {
            bindings.add(allow(user, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.READ));
        }
        bindings.add(account.groupPerInstance()
                ? allow(user, ResourceType.GROUP, account.principal() + "-", PatternType.PREFIXED, AclOperation.READ)
                : allow(user, ResourceType.GROUP, account.principal(), PatternType.LITERAL, AclOperation.READ));
        return bindings;
    }

    private static AclBinding allow(String user, ResourceType type, String name, PatternType pattern, AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry(user, "*", operation, AclPermissionType.ALLOW));
    }

    private static void await(org.apache.kafka.common.KafkaFuture<Void> future, String what) {
        try {
            future.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating " + what, e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("cannot create " + what + ": " + cause.getMessage(), cause);
        }
    }
}
