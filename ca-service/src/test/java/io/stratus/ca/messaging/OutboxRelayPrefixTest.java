package io.stratus.ca.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.stratus.ca.entity.OutboxEventEntity;

/** Which rows of a relayed batch are marked sent: never one after a row Kafka did not take. */
class OutboxRelayPrefixTest {

    private static List<OutboxEventEntity> rows(long... ids) {
        return Arrays.stream(ids).mapToObj(id -> {
            OutboxEventEntity row = new OutboxEventEntity();
            row.id = id;
            return row;
        }).toList();
    }

    @Test
    void allAcknowledgedAreAllSent() {
        assertEquals(List.of(7L, 8L, 9L), OutboxRelay.acknowledgedPrefix(rows(7, 8, 9), List.of(true, true, true)));
    }

    @Test
    void rowsAfterAFailedOneStayUnsentEvenIfAcknowledged() {
        assertEquals(List.of(7L), OutboxRelay.acknowledgedPrefix(rows(7, 8, 9), List.of(true, false, true)));
        assertEquals(List.of(), OutboxRelay.acknowledgedPrefix(rows(7, 8, 9), List.of(false, true, true)));
    }
}
