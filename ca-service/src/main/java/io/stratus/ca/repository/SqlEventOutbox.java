package io.stratus.ca.repository;

import static io.stratus.platform.sql.SqlValues.timestamp;

import java.time.Instant;

import io.smallrye.mutiny.Uni;
import io.stratus.events.CloudEvent;
import io.stratus.events.EventCodec;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Writes an event into the outbox (table {@code outbox_event}) inside a transaction of the PostgreSQL client; the
 * {@code OutboxRelay} publishes it like the events the Hibernate side writes through {@code EventOutbox}.
 */
@ApplicationScoped
public class SqlEventOutbox {

    private static final String INSERT = "insert into outbox_event (topic, event_key, payload, created_at)"
            + " values ($1, $2, $3, $4)";

    public Uni<Void> append(SqlConnection transaction, CloudEvent event) {
        return transaction.preparedQuery(INSERT)
                .execute(Tuple.of(event.topic(), event.key(), EventCodec.encode(event), timestamp(Instant.now())))
                .replaceWithVoid();
    }
}
