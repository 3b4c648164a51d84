package io.stratus.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** A PostgreSQL server as {@code postgresql://user:pass@host:port} (the form of {@code STRATUS_DB_URL}). */
record DbUrl(String user, String password, String host, int port) {

    static DbUrl parse(String text) {
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("STRATUS_DB_URL is not a URL: " + text);
        }
        if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
            throw new IllegalArgumentException("STRATUS_DB_URL must look like postgresql://user:pass@host:port, got " + text);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("STRATUS_DB_URL has no host: " + text);
        }
        String user = "postgres";
        String password = "";
        String info = uri.getRawUserInfo();
        if (info != null) {
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon));
            password = colon < 0 ? "" : decode(info.substring(colon + 1));
        }
        return new DbUrl(user, password, uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort());
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** {@code postgresql://host:port/db}, for the Quarkus reactive client. */
    String reactiveUrl(String db) {
        return "postgresql://" + host + ":" + port + "/" + db;
    }

    String jdbcUrl(String db) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + db;
    }

    /** The server without credentials, for display. */
    String display() {
        return "postgresql://" + host + ":" + port;
    }
}
