package io.stratus.simulator.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;

import org.junit.jupiter.api.Test;

/** A device enrolls at its assignment's SCEP path on the replica it was spread to. */
class ScepReplicaUrlTest {

    @Test
    void keepsPathAndQueryAndTakesTheReplicasOrigin() {
        URI assigned = URI.create("http://localhost:8082/scep/demo/ca-1?x=a%20b");
        assertEquals(URI.create("http://localhost:8182/scep/demo/ca-1?x=a%20b"),
                AssignmentPreparer.onReplica(assigned, "http://localhost:8182/"));
        assertEquals(URI.create("https://scep-2.example:9443/scep/demo/ca-1"),
                AssignmentPreparer.onReplica(URI.create("http://localhost:8082/scep/demo/ca-1"),
                        " https://scep-2.example:9443 "));
    }
}
