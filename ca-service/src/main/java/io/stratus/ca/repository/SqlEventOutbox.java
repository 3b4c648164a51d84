package io.stratus.ca.repository;

import static io.stratus.platform.sql.SqlValues.timestamp;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import io.smallrye.mutiny.Uni;
import io.stratus.ca.entity.OutboxEventEntity;
import io.stratus.events.CloudEvent;
import io.stratus.platform.sql.PublishedOutboxRows;
import io.stratus.events.EventCodec;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The outbox (table {@code outbox_event}) through the PostgreSQL client: events written inside a transaction (as
 * {@code EventOutbox} does for Hibernate transactions), and the unsent ones read and marked sent by the
 * {@code OutboxRelay}, one replica at a time.
 */
@ApplicationScoped
public class SqlEventOutbox {

    private static final String INSERT = "insert into outbox_event (topic, event_key, payload, created_at)"
            + " values ($1, $2, $3, $4)";

    private static final String UNSENT = "select id, topic, event_key, payload from outbox_event"
            + " where sent_at is null order by id limit $1";

    private static final String MARK_SENT = "update outbox_event set sent_at = $1 where id = any($2)"
            + " and sent_at is null";

    /**
     * The transaction-scoped advisory lock that lets one replica of ca-service relay at a time, so that an event is
     * not published once per replica and the outbox order holds.
     */
    public static final long RELAY_LOCK = 0x5354524154434121L;

    private static final String TRY_RELAY_LOCK = "select pg_try_advisory_xact_lock(" + RELAY_LOCK + ")";

    private final Pool pool;
    private final PublishedOutboxRows published;

    public SqlEventOutbox(Pool pool) {
        this.pool = pool;
        this.published = new PublishedOutboxRows(pool, "outbox_event");
    }

    /** The rows already published, which the relay deletes beyond the newest ones. */
    public PublishedOutboxRows published() {
        return published;
    }

    /** Adds the event to the transaction. */
    public Uni<Void> append(SqlConnection transaction, CloudEvent event) {
        return transaction.preparedQuery(INSERT)
                .execute(Tuple.of(event.topic(), event.key(), EventCodec.encode(event), timestamp(Instant.now())))
                .replaceWithVoid();
    }

    /** Adds the events to the transaction in one batch. */
    public Uni<Void> appendAll(SqlConnection transaction, List<CloudEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Instant now = Instant.now();
        List<Tuple> rows = events.stream()
                .map(event -> Tuple.of(event.topic(), event.key(), EventCodec.encode(event), timestamp(now)))
                .toList();
        return transaction.preparedQuery(INSERT).executeBatch(rows).replaceWithVoid();
    }

    /**
     * Runs {@code relay} in a transaction that holds the relay lock; while another replica holds it, nothing runs
     * and the answer is {@code whenHeldElsewhere}.
     */
    public <T> Uni<T> whileRelaying(Function<SqlConnection, Uni<T>> relay, T whenHeldElsewhere) {
        return pool.withTransaction(transaction -> transaction.query(TRY_RELAY_LOCK).execute()
                .chain(locked -> locked.iterator().next().getBoolean(0)
                        ? relay.apply(transaction)
                        : Uni.createFrom().item(whenHeldElsewhere)));
    }

    /** The oldest unsent events, at most {@code limit}, oldest first. */
    public Uni<List<OutboxEventEntity>> unsent(SqlConnection transaction, int limit) {
        return transaction.preparedQuery(UNSENT).execute(Tuple.of(limit))
                .map(rows -> rows.stream().map(SqlEventOutbox::toEvent).toList());
    }

    public Uni<Void> markSent(SqlConnection transaction, List<Long> ids, Instant at) {
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return transaction.preparedQuery(MARK_SENT).execute(Tuple.of(timestamp(at), ids.toArray(new Long[0])))
                .replaceWithVoid();
    }

    private static OutboxEventEntity toEvent(Row row) {
        OutboxEventEntity event = new OutboxEventEntity();
        event.id = row.getLong("id");
        event.topic = row.getString("topic");
        event.eventKey = row.getString("event_key");
        event.payload = row.getString("payload");
        return event;
    }
}
