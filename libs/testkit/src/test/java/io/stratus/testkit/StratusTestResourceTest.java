package io.stratus.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;

import org.junit.jupiter.api.Test;

class StratusTestResourceTest {

    @Test
    void startReturnsWorkingConfigForTheNamedDatabase() throws Exception {
        StratusTestResource resource = new StratusTestResource();
        resource.init(Map.of("database", "profile"));
        Map<String, String> config = resource.start();

        assertEquals("false", config.get("quarkus.devservices.enabled"));
        assertEquals("stratus-local", config.get("mp.jwt.verify.issuer"));
        assertTrue(Files.exists(Path.of(config.get("mp.jwt.verify.publickey.location"))));
        assertEquals(SharedInfra.get().kafka().bootstrapServers(), config.get("kafka.bootstrap.servers"));
        assertTrue(config.get("quarkus.datasource.reactive.url").matches("postgresql://127\\.0\\.0\\.1:\\d+/profile"));
        try (Connection c = DriverManager.getConnection(config.get("quarkus.datasource.jdbc.url"),
                config.get("quarkus.datasource.username"), config.get("quarkus.datasource.password"));
                ResultSet rs = c.createStatement().executeQuery("SELECT current_database()")) {
            rs.next();
            assertEquals("profile", rs.getString(1));
        }
        resource.stop();
    }

    @Test
    void defaultDatabaseIsStratus() {
        StratusTestResource resource = new StratusTestResource();
        resource.init(Map.of());
        assertTrue(resource.start().get("quarkus.datasource.jdbc.url").endsWith("/stratus"));
    }
}
